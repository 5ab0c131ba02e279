import { DomainValidationError, shown, decimal } from '../errors';

/** Ratios and shares are compared with this slack so that 0.1 × 100 = 10 passes and 999 / 10000 still fails. */
export const EPSILON = 1e-9;

/** A plain object whose keys are all in `allowed`; unknown keys are refused so a typo never passes silently. */
export function plainObject(input: unknown, field: string, allowed: readonly string[]): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new DomainValidationError(field, 'must be an object', { code: 'field.object' });
  }
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key)) throw new DomainValidationError(`${field}.${key}`, `is not a known field (expected one of: ${allowed.join(', ')})`, { code: 'field.unknown-field', params: { allowed: allowed.join(', ') } });
  }
  return input as Record<string, unknown>;
}

/** A count of people, seats, classes, person-times, yuan: a non-negative whole number. */
export function count(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new DomainValidationError(field, `must be a non-negative whole number, got ${JSON.stringify(value)}`, { code: 'field.non-negative-whole', params: { got: shown(value) } });
  }
  return value;
}

/** A non-negative quantity that may have decimals (hours, measured values). */
export function quantity(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new DomainValidationError(field, `must be a non-negative number, got ${JSON.stringify(value)}`, { code: 'field.non-negative', params: { got: shown(value) } });
  }
  return value;
}

/** A ratio in [0, 1]: 10% is written 0.1. */
export function ratio(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    const hint = typeof value === 'number' && value > 1 && value <= 100 ? ` (ratios are 0..1: write ${value / 100} for ${value}%)` : '';
    throw new DomainValidationError(field, `must be a ratio between 0 and 1, got ${JSON.stringify(value)}${hint}`, { code: 'field.ratio', params: { got: shown(value), percent: hint ? (value as number) : undefined, suggested: hint ? decimal((value as number) / 100) : undefined } });
  }
  return value;
}

export function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new DomainValidationError(field, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`, { code: 'field.one-of', params: { allowed: allowed.join(', '), got: shown(value) } });
  }
  return value as T;
}

export function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new DomainValidationError(field, 'must be a non-empty string', { code: 'field.non-empty-text' });
  return value;
}

/** Copies only the keys whose value is defined, so optional fields stay absent rather than `undefined`. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
