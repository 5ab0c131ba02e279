import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { shown } from '../../../../libs/domain/src/errors';
import type { MessageParams } from '../../../../libs/i18n/src';
import { FIRST_YEAR, LAST_YEAR } from './dto';
import { FieldProblem } from './errors';

type Reason = { code: string; params?: MessageParams };
const list = (v: unknown) => (Array.isArray(v) ? v.join(', ') : typeof v === 'object' && v !== null ? Object.values(v).join(', ') : String(v));
const got = (v: unknown) => (v === undefined ? {} : { got: shown(v) });

/** The patterns whose DTOs say what they expect in words (`@Matches(…, {message})`), by that message. */
const PATTERN_REASONS: Record<string, Reason> = {
  'must be 1–64 lowercase letters, digits, _ or -': { code: 'field.key-chars', params: { from: 1, to: 64 } },
  'must be 2–64 letters, digits, . _ or -': { code: 'field.username-chars', params: { from: 2, to: 64 } },
  'each day must be YYYY-MM-DD': { code: 'field.list-of-days' },
};

/**
 * A class-validator failure as a catalogue code with the constraint's values: the reader's language says it, the
 * values (bounds, allowed lists) come from the decorator itself. Undefined for a constraint with no code.
 */
function reasonOf(name: string, constraints: unknown[], message: string, value: unknown): Reason | undefined {
  const [c] = constraints;
  switch (name) {
    case 'whitelistValidation': return { code: 'field.unknown-field-plain' };
    case 'isUuid': return { code: 'field.uuid', params: got(value) };
    case 'isInt': return { code: 'field.integer' };
    case 'isNumber': return { code: 'field.number' };
    case 'isPositive': return { code: 'field.more-than-zero' };
    case 'min': return { code: 'field.at-least', params: { bound: Number(c) } };
    case 'max': return { code: 'field.at-most', params: { bound: Number(c) } };
    case 'maxLength': return { code: 'field.max-length', params: { most: Number(c) } };
    case 'minLength': return { code: 'field.min-length', params: { least: Number(c) } };
    case 'arrayMaxSize': return { code: 'field.max-items', params: { most: Number(c) } };
    case 'arrayMinSize': return { code: 'field.min-items', params: { least: Number(c) } };
    case 'isIn': case 'isEnum': return { code: 'field.one-of', params: { allowed: list(c), ...got(value) } };
    case 'isString': return { code: 'field.text' };
    case 'isNotEmpty': return { code: 'field.non-empty-text' };
    case 'isBoolean': return { code: 'field.boolean' };
    case 'isArray': return { code: 'field.list' };
    case 'isObject': case 'isPlainObject': case 'nestedValidation': return { code: 'field.object' };
    case 'isDefined': return { code: 'field.required' };
    case 'isUrl': return { code: 'field.url' };
    case 'isEmail': return { code: 'field.email' };
    case 'isDateString': case 'isIso8601': return { code: 'field.iso-date-or-time', params: got(value) };
    case 'isDay': return { code: 'field.date-bounds', params: { first: `${FIRST_YEAR}-01-01`, last: `${LAST_YEAR}-12-31`, ...(typeof value === 'string' ? got(value) : {}) } };
    case 'isInstant': return { code: 'field.instant-bounds', params: { first: String(FIRST_YEAR), last: String(LAST_YEAR) } };
    case 'matches': return PATTERN_REASONS[message] ?? { code: 'field.pattern', params: { pattern: String(c) } };
    default: return undefined;
  }
}

/** The decorator's constraint values (`@Min(1)` → [1]) of one failure, from class-validator's own metadata. */
function constraintsOf(e: ValidationError, name: string): unknown[] {
  const target = e.target?.constructor;
  if (!target) return [];
  const metas = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
  return metas.find((m) => m.propertyName === e.property && (m.name === name || m.type === name))?.constraints ?? [];
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([name, message]) => {
      const reason = reasonOf(name, constraintsOf(e, name), message, e.value);
      return { field, message, ...(reason ? { code: reason.code, params: reason.params ?? {} } : {}) };
    });
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

const refuse = (details: FieldProblem[]) => new BadRequestException({ message: details.map((d) => `${d.field}: ${d.message}`).join('; '), details });

// Keys that the object mapper would skip silently (so the unknown-field check would never see them).
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;

/** What no field may hold: the NUL character (PostgreSQL cannot store it), prototype keys, absurd nesting. */
function hostileInput(value: unknown, field: string, depth = 0): FieldProblem | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? { field, message: 'must not contain the NUL character', code: 'field.no-nul' } : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > MAX_DEPTH) return { field, message: `is nested more than ${MAX_DEPTH} levels deep`, code: 'field.too-deep', params: { most: MAX_DEPTH } };
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const problem = hostileInput(v, `${field}[${i}]`, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  for (const [key, v] of Object.entries(value)) {
    const path = field ? `${field}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key) || key.includes('\u0000')) return { field: path, message: 'is not a known field', code: 'field.unknown-field-plain' };
    const problem = hostileInput(v, path, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

const UUID_ANY_CASE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * UUIDs in lower case wherever they come in (path, query, body, at any depth): a workflow id, a query and a
 * stored reference all see one spelling, so an upper-case id reaches the same project as the lower-case one.
 */
export function lowerCaseUuids(value: unknown): unknown {
  if (typeof value === 'string') return UUID_ANY_CASE.test(value) ? value.toLowerCase() : value;
  if (Array.isArray(value)) return value.map(lowerCaseUuids);
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) (value as Record<string, unknown>)[k] = lowerCaseUuids(v);
  }
  return value;
}

/** The one global pipe: unknown fields rejected, types converted, every problem named by its field path. */
class EdgeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    if (metadata.type === 'body' && value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw refuse([{ field: 'body', message: 'must be a JSON object', code: 'field.json-object' }]);
    }
    const problem = hostileInput(value, metadata.type === 'param' ? metadata.data ?? 'param' : '');
    if (problem) throw refuse([problem]);
    return super.transform(lowerCaseUuids(value), metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new EdgeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => refuse(flatten(errors)),
  });
}
