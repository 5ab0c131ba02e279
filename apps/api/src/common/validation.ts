import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem } from './errors';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

const refuse = (details: FieldProblem[]) => new BadRequestException({ message: details.map((d) => `${d.field}: ${d.message}`).join('; '), details });

// Keys that the object mapper would skip silently (so the unknown-field check would never see them).
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;

/** What no field may hold: the NUL character (PostgreSQL cannot store it), prototype keys, absurd nesting. */
function hostileInput(value: unknown, field: string, depth = 0): FieldProblem | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? { field, message: 'must not contain the NUL character' } : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > MAX_DEPTH) return { field, message: `is nested more than ${MAX_DEPTH} levels deep` };
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const problem = hostileInput(v, `${field}[${i}]`, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  for (const [key, v] of Object.entries(value)) {
    const path = field ? `${field}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key) || key.includes('\u0000')) return { field: path, message: 'is not a known field' };
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
      throw refuse([{ field: 'body', message: 'must be a JSON object' }]);
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
