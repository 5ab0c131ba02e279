import { isoDateOrInstant, isoDay } from './time';
import { compact, count, oneOf, quantity, ratio } from './validation';

/**
 * What a field of a body holds, in one table per body: the validators read their field lists, the measure of
 * each value and whether it may be absent from it, and the API renders the same tables into its OpenAPI
 * document (apps/api/src/common/body-schemas.ts), so what is documented is what is checked.
 *
 * Measures: `count` a non-negative whole number (people, seats, yuan); `quantity` a non-negative number;
 * `ratio` a share 0..1; `day` YYYY-MM-DD; `dayOrInstant` a day or an ISO 8601 instant; `oneOf` one of `values`;
 * `duration` an ISO 8601 duration; `text`, `integer`, `boolean`, `uuid`, `timeZone` as named; `list` of `of`;
 * `object` with its own `fields`; `record` with free keys, each value `of`.
 */
export type Measure =
  | 'count' | 'quantity' | 'ratio' | 'day' | 'dayOrInstant' | 'oneOf' | 'duration'
  | 'text' | 'integer' | 'boolean' | 'uuid' | 'timeZone' | 'list' | 'object' | 'record';

export interface FieldSpec {
  is: Measure;
  optional?: boolean;
  description?: string;
  /** `oneOf`: the values allowed. */
  values?: readonly string[];
  /** `object`: its fields. */
  fields?: Fields;
  /** `list` items, `record` values. */
  of?: FieldSpec;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
  minItems?: number;
  maxItems?: number;
  /** `record`: at most this many keys. */
  maxEntries?: number;
  /** How the value is read where the measure alone does not say it (nested objects, lists, cross-field rules). */
  read?: (value: unknown, field: string) => unknown;
}

export type Fields = Readonly<Record<string, FieldSpec>>;

/** The measures a value can be read by alone. */
const READERS: Partial<Record<Measure, (value: unknown, field: string, spec: FieldSpec) => unknown>> = {
  count: (v, f) => count(v, f),
  quantity: (v, f) => quantity(v, f),
  ratio: (v, f) => ratio(v, f),
  day: (v, f) => isoDay(v, f),
  dayOrInstant: (v, f) => isoDateOrInstant(v, f),
  oneOf: (v, f, s) => oneOf(v, f, s.values ?? []),
};

/** The field names of a table, in its order (the order unknown-field messages list them in). */
export const keysOf = (fields: Fields): string[] => Object.keys(fields);

/** One field of `o` read by its table entry: absent optional fields stay undefined; a required one is read even when absent (and refused). */
export function readField(fields: Fields, o: Record<string, unknown>, key: string, parent: string): unknown {
  const spec = fields[key];
  const value = o[key];
  if (spec.optional && value === undefined) return undefined;
  const read = spec.read ?? ((v: unknown, f: string) => READERS[spec.is]!(v, f, spec));
  return read(value, `${parent}.${key}`);
}

/** Every field of the table read in its order, the absent optional ones left out. */
export function readFields<T extends object>(fields: Fields, o: Record<string, unknown>, parent: string): T {
  return compact(Object.fromEntries(keysOf(fields).map((k) => [k, readField(fields, o, k, parent)]))) as T;
}
