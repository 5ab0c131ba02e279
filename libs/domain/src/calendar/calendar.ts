import { DomainValidationError, shown } from '../errors';

/**
 * The working-day calendar the product keeps. Per year: `holidays` are official days off (weekdays, and weekend
 * days inside a holiday period); `workdays` are swapped working days (调休, weekend days worked). A year missing
 * from `years` has no published schedule and counts Monday–Friday. `overrides` (per date) win over everything.
 * Dates are `YYYY-MM-DD`. No imports beyond this package: workflow code uses this file.
 */
export interface CalendarData {
  years: Record<string, { holidays: string[]; workdays: string[] }>;
  overrides?: Record<string, 'work' | 'off'>;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a `YYYY-MM-DD` date; throws on anything else (including 2026-02-30). */
function toDayNumber(date: string, field = 'date'): number {
  const m = DATE.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || fromDayNumber(ms / DAY_MS) !== date) {
    throw new DomainValidationError(field, `${JSON.stringify(date)} is not a calendar date YYYY-MM-DD`, { code: 'field.calendar-date', params: { got: shown(date) } });
  }
  return ms / DAY_MS;
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function hasPublishedSchedule(year: number, cal: CalendarData): boolean {
  return Object.prototype.hasOwnProperty.call(cal.years, String(year));
}

export function isWorkday(date: string, cal: CalendarData): boolean {
  const day = toDayNumber(date);
  const override = cal.overrides?.[date];
  if (override) return override === 'work';
  const schedule = hasPublishedSchedule(Number(date.slice(0, 4)), cal) ? cal.years[date.slice(0, 4)] : undefined;
  if (schedule?.holidays.includes(date)) return false;
  if (schedule?.workdays.includes(date)) return true;
  const weekday = new Date(day * DAY_MS).getUTCDay(); // 0 = Sunday
  return weekday >= 1 && weekday <= 5;
}

/** Moves by `n` working days (negative: backwards); from a non-working day, +1 is the first working day after it. n = 0 returns `date`. */
export function addWorkdays(date: string, n: number, cal: CalendarData): string {
  if (!Number.isInteger(n)) throw new DomainValidationError('n', `a number of working days must be an integer, got ${n}`, { code: 'field.whole', params: { got: shown(n) } });
  let day = toDayNumber(date);
  const step = Math.sign(n);
  for (let left = Math.abs(n); left > 0; ) {
    day += step;
    if (isWorkday(fromDayNumber(day), cal)) left--;
  }
  return fromDayNumber(day);
}

/** `date` itself if it is a working day, else the nearest working day after (`forward`) or before (`backward`) it. */
export function rollToWorkday(date: string, direction: 'forward' | 'backward', cal: CalendarData): string {
  return isWorkday(date, cal) ? date : addWorkdays(date, direction === 'forward' ? 1 : -1, cal);
}

/** Working days in (a, b]; negative when b is before a, so that addWorkdays(a, workdaysBetween(a, b)) = b for a working day b. */
export function workdaysBetween(a: string, b: string, cal: CalendarData): number {
  const from = toDayNumber(a, 'a');
  const to = toDayNumber(b, 'b');
  if (to < from) return -workdaysBetween(b, a, cal);
  let count = 0;
  for (let day = from + 1; day <= to; day++) if (isWorkday(fromDayNumber(day), cal)) count++;
  return count;
}

/** Applies an admin's or a locality's edits: a year given in `overrides.years` replaces that year; per-date overrides are merged, the later winning. */
export function mergeCalendar(base: CalendarData, overrides?: Partial<CalendarData>): CalendarData {
  const copyYear = (y: { holidays: string[]; workdays: string[] }) => ({ holidays: [...y.holidays], workdays: [...y.workdays] });
  const years: CalendarData['years'] = {};
  for (const [year, schedule] of Object.entries({ ...base.years, ...overrides?.years })) years[year] = copyYear(schedule);
  const dates = { ...base.overrides, ...overrides?.overrides };
  return Object.keys(dates).length ? { years, overrides: dates } : { years };
}

/** Checks calendar data coming from an admin or storage; returns a clean copy. */
export function validateCalendar(input: unknown, field = 'calendar'): CalendarData {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(input)) throw new DomainValidationError(field, 'must be an object with `years`', { code: 'field.object-shape', params: { shape: '{ years, overrides }' } });
  if (!isObject(input.years)) throw new DomainValidationError(`${field}.years`, 'must be an object keyed by year, e.g. "2026"', { code: 'field.object-by-year' });
  const dates = (v: unknown, path: string, year: string): string[] => {
    if (!Array.isArray(v)) throw new DomainValidationError(path, 'must be a list of YYYY-MM-DD dates', { code: 'field.list-of-days' });
    return v.map((d, i) => {
      toDayNumber(d, `${path}[${i}]`);
      if ((d as string).slice(0, 4) !== year) throw new DomainValidationError(`${path}[${i}]`, `${d} is not in ${year}`, { code: 'field.day-not-in-year', params: { day: String(d), year: Number(year) } });
      return d as string;
    });
  };
  const years: CalendarData['years'] = {};
  for (const [year, schedule] of Object.entries(input.years)) {
    const path = `${field}.years.${year}`;
    if (!/^\d{4}$/.test(year)) throw new DomainValidationError(path, 'a year must have four digits', { code: 'field.year-digits' });
    if (!isObject(schedule)) throw new DomainValidationError(path, 'must be { holidays: [...], workdays: [...] }', { code: 'field.object-shape', params: { shape: '{ holidays: [...], workdays: [...] }' } });
    years[year] = { holidays: dates(schedule.holidays, `${path}.holidays`, year), workdays: dates(schedule.workdays, `${path}.workdays`, year) };
  }
  if (input.overrides === undefined) return { years };
  if (!isObject(input.overrides)) throw new DomainValidationError(`${field}.overrides`, 'must be an object { "YYYY-MM-DD": "work" | "off" }', { code: 'field.object-shape', params: { shape: '{ "YYYY-MM-DD": "work" | "off" }' } });
  const overrides: Record<string, 'work' | 'off'> = {};
  for (const [date, kind] of Object.entries(input.overrides)) {
    toDayNumber(date, `${field}.overrides.${date}`);
    if (kind !== 'work' && kind !== 'off') throw new DomainValidationError(`${field}.overrides.${date}`, 'must be "work" or "off"', { code: 'field.one-of', params: { allowed: 'work, off', got: shown(kind) } });
    overrides[date] = kind;
  }
  return { years, overrides };
}
