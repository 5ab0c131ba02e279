import { DomainValidationError, shown } from '../errors';

/**
 * The dates the product plans with: deadlines, start dates and due dates from 2000-01-01 to 2100-12-31
 * (instants from 2000-01-01T00:00 to 2100-12-31T23:59:59.999 in any zone, so UTC ±14 h either side).
 * The API refuses dates outside with a 400; the domain enforces the same bound so no other path can bring one in.
 */
export const DATE_BOUNDS = { first: '2000-01-01', last: '2100-12-31' } as const;
const FIRST_MS = Date.parse(`${DATE_BOUNDS.first}T00:00:00Z`) - 14 * 3_600_000;
const LAST_MS = Date.parse(`${DATE_BOUNDS.last}T23:59:59.999Z`) + 14 * 3_600_000;

/** Whether an ISO date or instant parses and lies within DATE_BOUNDS. */
export function withinDateBounds(iso: string): boolean {
  const ms = Date.parse(iso);
  return !Number.isNaN(ms) && ms >= FIRST_MS && ms <= LAST_MS;
}

/** Throws a DomainValidationError naming `field` for a date outside DATE_BOUNDS. */
export function assertWithinDateBounds(iso: string, field: string): void {
  if (!withinDateBounds(iso)) throw new DomainValidationError(field, `must be a date from ${DATE_BOUNDS.first} to ${DATE_BOUNDS.last}, got "${iso}"`, { code: 'field.date-bounds', params: { first: DATE_BOUNDS.first, last: DATE_BOUNDS.last, got: shown(iso) } });
}
