import { DateTime } from 'luxon';
import { DomainValidationError, shown } from '../errors';

/** Days are counted in the plan's time zone; bureaus run on China Standard Time unless a plan says otherwise. */
export const DEFAULT_ZONE = 'Asia/Shanghai';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day `YYYY-MM-DD` that exists (2025-02-30 is refused). */
export function isoDay(value: unknown, field: string): string {
  if (typeof value !== 'string' || !DATE_ONLY.test(value) || !DateTime.fromISO(value, { zone: 'utc' }).isValid) {
    throw new DomainValidationError(field, `must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`, { code: 'field.calendar-date', params: { got: shown(value) } });
  }
  return value;
}

/** A day `YYYY-MM-DD` or an ISO 8601 instant; an instant without offset is read in the plan's zone. */
export function isoDateOrInstant(value: unknown, field: string, zone = DEFAULT_ZONE): string {
  parse(value, field, zone);
  return value as string;
}

function parse(value: unknown, field: string, zone: string): DateTime {
  const parsed = typeof value === 'string' ? DateTime.fromISO(value, { zone }) : null;
  if (!parsed || !parsed.isValid) {
    throw new DomainValidationError(field, `must be an ISO 8601 date or date-time, got ${JSON.stringify(value)}`, { code: 'field.iso-date-or-time', params: { got: shown(value) } });
  }
  return parsed;
}

/** When a day (or instant) begins: a date-only value means 00:00 of that day in the zone. */
export function startOf(value: string, field: string, zone = DEFAULT_ZONE): number {
  return parse(value, field, zone).toMillis();
}

/** When a day (or instant) is over: deadlines and period ends are inclusive, so `2016-12-31` lasts until 2017-01-01 00:00. */
export function endOf(value: string, field: string, zone = DEFAULT_ZONE): number {
  const parsed = parse(value, field, zone);
  return (DATE_ONLY.test(value) ? parsed.plus({ days: 1 }) : parsed).toMillis();
}

/** The calendar day of an instant in the zone. */
export function dayOf(value: string, field: string, zone = DEFAULT_ZONE): string {
  return parse(value, field, zone).toISODate() as string;
}

export function addDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: 'utc' }).plus({ days }).toISODate() as string;
}

export function addMonths(day: string, months: number): string {
  return DateTime.fromISO(day, { zone: 'utc' }).plus({ months }).toISODate() as string;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days);
}
