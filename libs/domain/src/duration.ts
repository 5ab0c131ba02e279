import { DomainValidationError, shown } from './errors';

/** An ISO 8601 duration as written in a deadline policy, e.g. `P5D`, `PT30S`, `P1DT2H`, `P2W`. */
export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

// Non-negative only; fractions only in the clock part (half a working day has no meaning).
const ISO_DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** The same rule as one pattern (for documents): neither a bare `P` nor a dangling `T`. */
export const ISO_DURATION_PATTERN = `^(?!P$)(?!.*T$)${ISO_DURATION.source.slice(1)}`;

export function isIsoDuration(s: string): boolean {
  return typeof s === 'string' && ISO_DURATION.test(s) && s !== 'P' && !s.endsWith('T');
}

export function parseIsoDuration(s: string, field = 'duration'): IsoDuration {
  const m = typeof s === 'string' ? ISO_DURATION.exec(s) : null;
  if (!m || !isIsoDuration(s)) {
    throw new DomainValidationError(
      field,
      `${JSON.stringify(s)} is not an ISO 8601 duration such as P5D, PT30S, P1DT2H or P2W (non-negative; fractions only for hours, minutes or seconds)`, { code: 'field.iso-duration', params: { got: shown(s) } },
    );
  }
  const n = (g: string | undefined) => (g === undefined ? 0 : Number(g));
  return { years: n(m[1]), months: n(m[2]), weeks: n(m[3]), days: n(m[4]), hours: n(m[5]), minutes: n(m[6]), seconds: n(m[7]) };
}

const asDuration = (d: IsoDuration | string) => (typeof d === 'string' ? parseIsoDuration(d) : d);

/** Milliseconds of the clock part (hours, minutes, seconds) only, rounded to the millisecond; days and longer depend on the calendar. */
export function durationToMillis(d: IsoDuration | string): number {
  const { hours, minutes, seconds } = asDuration(d);
  return Math.round(((hours * 60 + minutes) * 60 + seconds) * 1000);
}

/** True when the duration has a day, week, month or year part, i.e. its length depends on the calendar. */
export function hasDatePart(d: IsoDuration | string): boolean {
  const { years, months, weeks, days } = asDuration(d);
  return years + months + weeks + days > 0;
}

/** A nominal length used only to order durations (Y = 365 d, M = 30 d, W = `daysPerWeek` d). */
export function nominalMillis(d: IsoDuration | string, daysPerWeek = 7): number {
  const { years, months, weeks, days } = asDuration(d);
  return (years * 365 + months * 30 + weeks * daysPerWeek + days) * 86_400_000 + durationToMillis(d);
}
