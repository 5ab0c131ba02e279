import { DomainValidationError } from '../errors';
import { DEFAULT_ZONE, endOf, isoDateOrInstant, startOf } from './time';
import { EPSILON, plainObject, ratio } from './validation';

/** A point of a planned progress curve: by the end of `at`, `share` (0..1) of the target should be done. */
export interface CurvePoint {
  at: string;
  share: number;
}

/** Checks a planned curve: dates strictly increasing, shares in 0..1 and never decreasing. */
export function validateCurve(input: unknown, field = 'curve', zone = DEFAULT_ZONE): CurvePoint[] {
  if (!Array.isArray(input)) throw new DomainValidationError(field, 'must be a list of {at, share} points', { code: 'field.list-of', params: { shape: '{at, share}' } });
  return input.map((raw: unknown, i) => {
    const f = `${field}[${i}]`;
    const o = plainObject(raw, f, ['at', 'share']);
    const point = { at: isoDateOrInstant(o.at, `${f}.at`, zone), share: ratio(o.share, `${f}.share`) };
    if (i > 0) {
      const prev = input[i - 1] as CurvePoint;
      if (endOf(point.at, `${f}.at`, zone) <= endOf(prev.at, `${field}[${i - 1}].at`, zone)) {
        throw new DomainValidationError(`${f}.at`, `must come after ${prev.at}`, { code: 'field.after-previous', params: { previousAt: prev.at } });
      }
      if (point.share < prev.share) throw new DomainValidationError(`${f}.share`, `must not be below the previous share ${prev.share}`, { code: 'field.share-below-previous', params: { previousShare: prev.share } });
    }
    return point;
  });
}

/**
 * Share (0..1) of the work that should be done by `asOf` in the period [start, end] (end day inclusive):
 * linear by default, or interpolated linearly along a planned curve that implicitly starts at 0 on `start`
 * and reaches 1 at the end of `end`.
 */
export function expectedProgress(start: string, end: string, asOf: string, curve?: CurvePoint[], zone = DEFAULT_ZONE): number {
  const from = startOf(start, 'start', zone);
  const to = endOf(end, 'end', zone);
  if (to <= from) throw new DomainValidationError('end', `must not be before start ${start}`, { code: 'field.end-before-start', params: { start } });
  const now = startOf(asOf, 'asOf', zone);
  const points = [{ t: from, share: 0 }];
  for (const [i, p] of validateCurve(curve ?? [], 'curve', zone).entries()) {
    const t = endOf(p.at, `curve[${i}].at`, zone);
    if (t <= from || t > to) throw new DomainValidationError(`curve[${i}].at`, `must fall within ${start}..${end}`, { code: 'field.within', params: { from: start, to: end } });
    points.push({ t, share: p.share });
  }
  if (points[points.length - 1].t < to) points.push({ t: to, share: 1 });
  if (now <= from) return 0;
  if (now >= to) return 1;
  const next = points.findIndex((p) => p.t >= now);
  const a = points[next - 1];
  const b = points[next];
  return a.share + ((b.share - a.share) * (now - a.t)) / (b.t - a.t);
}

/** True when actual progress trails the expectation by more than the tolerance; exactly at the tolerance is still on track. */
export function behindExpectation(actualShare: number, expectedShare: number, tolerance: number): boolean {
  return expectedShare - actualShare > tolerance + EPSILON;
}
