import { DomainValidationError, shown } from '../errors';

/**
 * Circular numbering belongs to a series: by default one per issuing office (the plan's owner unit) and
 * calendar year of issue; or one per plan over all its years (`plan`); or per plan and year (`plan_year`, how
 * plans numbered before series existed go on). A plan without an owner unit has no office: its series is per
 * plan and year. Numbers in a series are unique and without gaps; a coordinator may set the next number once,
 * before the series has issued any, to continue a series started on paper.
 */
export const SERIES_SCOPES = ['office_year', 'plan', 'plan_year'] as const;
export type SeriesScope = (typeof SERIES_SCOPES)[number];

export function seriesKey(scope: SeriesScope, at: { planId: string; issuingUnitId?: string | null; year: number }): string {
  if (scope === 'plan') return `plan:${at.planId}`;
  if (scope === 'office_year' && at.issuingUnitId) return `office:${at.issuingUnitId}:${at.year}`;
  return `plan:${at.planId}:${at.year}`;
}

export const MAX_CIRCULAR_NUMBER = 99_999;

export interface SeriesState {
  /** The last number issued in the series, if any. */
  lastIssued?: number;
  /** The number set by hand, if one was set. */
  startsAt?: number;
}

/** A "next number" a coordinator sets: a whole number 1–99999, only once, and only before any number was issued. */
export function validateNextNumber(value: unknown, state: SeriesState, field = 'nextNumber'): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > MAX_CIRCULAR_NUMBER) {
    throw new DomainValidationError(field, `must be a whole number from 1 to ${MAX_CIRCULAR_NUMBER}, got ${JSON.stringify(value)}`, { code: 'field.whole-range', params: { from: 1, to: MAX_CIRCULAR_NUMBER, got: shown(value) } });
  }
  if (state.startsAt !== undefined) throw new DomainValidationError(field, `the series already continues from ${state.startsAt}; the next number can be set only once`, { code: 'field.series-number-set', params: { number: state.startsAt } });
  if (state.lastIssued !== undefined) throw new DomainValidationError(field, `the series has already issued No. ${state.lastIssued}; setting a number now would leave a gap or a repeat`, { code: 'field.series-issued', params: { number: state.lastIssued } });
  return value;
}

/** The number the next circular of a series takes. */
export function nextNumberOf(state: SeriesState): number {
  return state.lastIssued !== undefined ? state.lastIssued + 1 : (state.startsAt ?? 1);
}

/** How the number reads on a circular: 第57期. */
export const issueLabel = (n: number) => `第${n}期`;
