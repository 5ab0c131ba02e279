import fc from 'fast-check';

/** OpenAPI 3 schemas, the subset the API's document uses. */
export type Schema = Record<string, any>;

export interface Operation {
  id: string;
  method: string;
  path: string;
  op: Schema;
}

export function operationsOf(doc: Schema): Operation[] {
  return Object.entries(doc.paths as Record<string, Schema>).flatMap(([path, item]) =>
    ['get', 'post', 'put', 'patch', 'delete'].filter((m) => item[m]).map((method) => ({ id: `${method.toUpperCase()} ${path}`, method, path, op: item[method] })));
}

const resolve = (doc: Schema, s: Schema): Schema => (s?.$ref ? resolve(doc, doc.components.schemas[s.$ref.split('/').pop()]) : s ?? {});

/** Problems of `value` against `schema` (empty when it matches): types, required and known properties, enums, formats. */
export function schemaProblems(doc: Schema, schema: Schema, value: unknown, at = '$'): string[] {
  const s = resolve(doc, schema);
  if (value === null) return s.nullable ? [] : Object.keys(s).length ? [`${at}: null`] : [];
  if (s.allOf) return s.allOf.flatMap((x: Schema) => schemaProblems(doc, x, value, at));
  if (s.oneOf || s.anyOf) {
    const options: Schema[] = s.oneOf ?? s.anyOf;
    return options.some((x) => schemaProblems(doc, x, value, at).length === 0) ? [] : [`${at}: matches none of ${options.length} alternatives`];
  }
  const type = s.type ?? (s.properties ? 'object' : undefined);
  const problems: string[] = [];
  switch (type) {
    case 'object':
      if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: not an object`];
      for (const r of s.required ?? []) if ((value as Schema)[r] === undefined) problems.push(`${at}.${r}: missing`);
      for (const [k, v] of Object.entries(value as Schema)) {
        if (s.properties?.[k]) problems.push(...schemaProblems(doc, s.properties[k], v, `${at}.${k}`));
        else if (s.additionalProperties === false) problems.push(`${at}.${k}: not documented`);
        else if (typeof s.additionalProperties === 'object') problems.push(...schemaProblems(doc, s.additionalProperties, v, `${at}.${k}`));
      }
      return problems;
    case 'array':
      if (!Array.isArray(value)) return [`${at}: not an array`];
      return value.flatMap((v, i) => schemaProblems(doc, s.items ?? {}, v, `${at}[${i}]`));
    case 'string':
      if (typeof value !== 'string') return [`${at}: not a string`];
      if (s.enum && !s.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} not in enum`];
      if (s.format === 'uuid' && !/^[0-9a-f-]{36}$/i.test(value)) return [`${at}: not a uuid`];
      if (s.format === 'date-time' && Number.isNaN(Date.parse(value))) return [`${at}: not a date-time`];
      return [];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at}: not an integer`];
    case 'number':
      return typeof value === 'number' ? [] : [`${at}: not a number`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: not a boolean`];
    default:
      return [];
  }
}

/** Strings matching a pattern, where fast-check can read it (no lookarounds). */
function patterned(pattern: string | undefined): fc.Arbitrary<string> | undefined {
  if (!pattern) return undefined;
  try {
    return fc.stringMatching(new RegExp(pattern)).filter((v) => v.length <= 200);
  } catch {
    return undefined;
  }
}

/** The schemas of an `allOf` as one object schema: properties merged (the later ones narrow), required lists joined. */
function mergeAll(doc: Schema, parts: Schema[]): Schema {
  const out: Schema = { type: 'object', properties: {}, required: [] };
  for (const part of parts.map((p) => resolve(doc, p))) {
    const flat = part.allOf ? mergeAll(doc, part.allOf) : part;
    Object.assign(out.properties, flat.properties ?? {});
    out.required.push(...(flat.required ?? []));
  }
  return out;
}

/** Known ids by what they name, so generated requests reach real resources as often as missing ones. */
export type IdPool = { any: string[]; byParam?: Record<string, string[]> };

const JUNK = ['', ' ', '0', '-1', 'null', 'undefined', '%00', '../../etc/passwd', "' OR 1=1 --", '<script>alert(1)</script>', '9'.repeat(40), '𝓾𝓷𝓲𝓬𝓸𝓭𝓮', 'NaN', '1e309'];
const junk = fc.oneof(fc.constantFrom(...JUNK), fc.string({ maxLength: 30 }), fc.integer(), fc.boolean(), fc.constant(null), fc.double());

const day = (min: number, max: number) => fc.date({ min: new Date(Date.UTC(min, 0, 1)), max: new Date(Date.UTC(max, 11, 31)), noInvalidDate: true });

/** Values for `schema`: mostly valid, sometimes at or past its edges (years 0 and 9999, wrong types, unknown fields). */
export function valueOf(doc: Schema, schema: Schema, ids: IdPool, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  if (depth > 4) return fc.constant(undefined);
  if (s.oneOf || s.anyOf) return fc.oneof(...(s.oneOf ?? s.anyOf).map((x: Schema) => valueOf(doc, x, ids, depth)));
  if (s.allOf) return valueOf(doc, mergeAll(doc, s.allOf), ids, depth);
  if (s.enum) return fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...s.enum) }, { weight: 1, arbitrary: junk });
  const type = s.type ?? (s.properties ? 'object' : 'string');
  switch (type) {
    case 'string': {
      if (s.format === 'uuid') return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...ids.any) }, { weight: 2, arbitrary: fc.uuid().map((u) => (Math.random() < 0.3 ? u.toUpperCase() : u)) }, { weight: 1, arbitrary: junk });
      if (s.format === 'date') {
        return fc.oneof({ weight: 6, arbitrary: day(2026, 2028).map((d) => d.toISOString().slice(0, 10)) }, { weight: 2, arbitrary: fc.constantFrom('9999-12-31', '0000-01-01', '2026-02-30', '1999-12-31', '2101-01-01') }, { weight: 1, arbitrary: junk });
      }
      if (s.format === 'date-time') {
        return fc.oneof({ weight: 6, arbitrary: day(2026, 2028).map((d) => d.toISOString().replace('Z', '+08:00').replace(/\.\d{3}/, '')) }, { weight: 2, arbitrary: fc.constantFrom('9999-12-31T23:59:59+08:00', '0000-01-01T00:00:00Z', '2026-13-01T00:00:00Z') }, { weight: 1, arbitrary: junk });
      }
      if (s.format === 'uri') return fc.oneof(fc.webUrl(), junk);
      if (s.format === 'email') return fc.oneof(fc.emailAddress(), junk);
      const max = Math.min(s.maxLength ?? 40, 60);
      // A pattern or an example gives values the API takes (keys, durations); random text rarely does.
      const shaped = [patterned(s.pattern), s.example === undefined ? undefined : fc.constant(String(s.example))].filter((a): a is fc.Arbitrary<string> => a !== undefined);
      if (shaped.length) return fc.oneof({ weight: 7, arbitrary: fc.oneof(...shaped) }, { weight: 2, arbitrary: fc.string({ minLength: s.minLength ?? 0, maxLength: max }) }, { weight: 1, arbitrary: junk });
      return fc.oneof({ weight: 8, arbitrary: fc.string({ minLength: s.minLength ?? 0, maxLength: max }) }, { weight: 1, arbitrary: fc.string({ maxLength: 300 }) }, { weight: 1, arbitrary: junk });
    }
    case 'integer': {
      const min = s.minimum ?? -10;
      const max = s.maximum ?? 1000;
      return fc.oneof({ weight: 8, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.integer() }, { weight: 1, arbitrary: junk });
    }
    case 'number':
      return fc.oneof({ weight: 8, arbitrary: fc.double({ min: s.minimum ?? -10, max: s.maximum ?? 1e6, noNaN: true }) }, { weight: 1, arbitrary: junk });
    case 'boolean':
      return fc.oneof({ weight: 9, arbitrary: fc.boolean() }, { weight: 1, arbitrary: junk });
    case 'array':
      return fc.oneof({ weight: 9, arbitrary: fc.array(valueOf(doc, s.items ?? {}, ids, depth + 1), { maxLength: Math.min(s.maxItems ?? 4, 4) }) }, { weight: 1, arbitrary: junk });
    case 'object': {
      if (!s.properties && typeof s.additionalProperties === 'object') {
        return fc.oneof({ weight: 9, arbitrary: fc.dictionary(fc.constantFrom('seats', 'floorArea', 'design', 'approval', 'x'), valueOf(doc, s.additionalProperties, ids, depth + 1), { maxKeys: 3 }) }, { weight: 1, arbitrary: junk });
      }
      const props = Object.entries((s.properties ?? {}) as Record<string, Schema>);
      const required = new Set<string>(s.required ?? []);
      const record = fc.record(Object.fromEntries(props.map(([k, v]) => [k, valueOf(doc, v, ids, depth + 1)])), { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k) && Math.random() < 0.97) });
      return fc.oneof(
        { weight: 9, arbitrary: record },
        { weight: 1, arbitrary: fc.tuple(record, fc.string({ minLength: 1, maxLength: 10 }), junk).map(([r, k, v]) => ({ ...(r as object), [k]: v })) },
      );
    }
    default:
      return junk;
  }
}

export interface FuzzRequest {
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: unknown;
}

/** A request for `operation`: its path, query, headers and body generated from the document. */
export function requestOf(doc: Schema, o: Operation, ids: IdPool): fc.Arbitrary<FuzzRequest> {
  const params: Schema[] = o.op.parameters ?? [];
  const paramArb = (p: Schema) => {
    const pool = ids.byParam?.[`${o.path}:${p.name}`] ?? ids.byParam?.[p.name];
    const base = valueOf(doc, p.schema ?? {}, pool ? { any: pool } : ids);
    return (p.in === 'path' ? fc.oneof({ weight: 9, arbitrary: base }, { weight: 1, arbitrary: junk }) : base).map((v) => (v === undefined || v === null ? undefined : String(v)));
  };
  const path = fc.tuple(...params.filter((p) => p.in === 'path').map((p) => paramArb(p).map((v) => [p.name, v ?? 'x'] as const)));
  const query = fc.tuple(...params.filter((p) => p.in === 'query').map((p) => fc.option(paramArb(p), { freq: 2 }).map((v) => [p.name, v] as const)));
  const headers = fc.tuple(...params.filter((p) => p.in === 'header').map((p) => fc.option(fc.oneof(fc.uuid(), fc.string({ maxLength: 20 })), { freq: 2 }).map((v) => [p.name, v] as const)));
  const bodySchema = o.op.requestBody?.content?.['application/json']?.schema;
  const body = bodySchema ? valueOf(doc, bodySchema, ids) : fc.constant(undefined);
  return fc.tuple(path, query, headers, body).map(([p, q, h, b]) => ({
    path: p.reduce((acc, [name, v]) => acc.replace(`{${name}}`, encodeURIComponent(v)), o.path),
    query: Object.fromEntries(q.filter(([, v]) => v !== null && v !== undefined) as Array<[string, string]>),
    headers: Object.fromEntries(h.filter(([, v]) => v !== null && v !== undefined) as Array<[string, string]>),
    body: b,
  }));
}
