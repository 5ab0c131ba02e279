import { DomainValidationError } from '../errors';
import { ReasonParams, StatusResult } from '../status';
import { IndicatorTarget, validateTargets } from './kinds';
import { DEFAULT_ZONE, dayOf, startOf } from './time';
import { EPSILON, quantity, ratio } from './validation';

export interface Measurement {
  value: number;
  measuredAt: string;
}

export interface IndicatorEvaluation extends StatusResult {
  /** The measurement the verdict rests on: the latest one taken by `asOf`. */
  latest?: Measurement;
}

/**
 * An indicator judged on its latest measurement by `asOf`: meeting the threshold (exactly at it counts) is green,
 * or yellow within the warning margin; missing it is red (yellow before the check date, if one is set);
 * no measurement yet is yellow.
 */
export function evaluateIndicator(
  targetInput: IndicatorTarget,
  measurements: readonly Measurement[],
  asOf: string,
  zone = DEFAULT_ZONE,
): IndicatorEvaluation {
  const target = validateTargets('indicator', targetInput, 'target');
  const isRatio = (target.measure ?? 'ratio') === 'ratio';
  const measure = isRatio ? 'ratio' : 'count';
  const direction = target.direction === '>=' ? 'gte' : 'lte';
  const now = startOf(asOf, 'asOf', zone);
  let latest: (Measurement & { t: number }) | undefined;
  measurements.forEach((m, i) => {
    if (typeof m !== 'object' || m === null) throw new DomainValidationError(`measurements[${i}]`, 'must be {value, measuredAt}', { code: 'field.object-shape', params: { shape: '{value, measuredAt}' } });
    (isRatio ? ratio : quantity)(m.value, `measurements[${i}].value`);
    const t = startOf(m.measuredAt, `measurements[${i}].measuredAt`, zone);
    if (t <= now && (!latest || t >= latest.t)) latest = { value: m.value, measuredAt: m.measuredAt, t };
  });
  const rule = `${target.direction} ${target.threshold}`;
  if (!latest) {
    return { status: 'yellow', reasons: [{ code: 'indicator.no-measurement', params: { direction, threshold: target.threshold, measure }, rule }] };
  }
  const { value, measuredAt } = latest;
  // How far the value is on the good side of the threshold (negative when the threshold is missed).
  const headroom = target.direction === '>=' ? value - target.threshold : target.threshold - value;
  const measured = { value, measuredDate: dayOf(measuredAt, 'measuredAt', zone), threshold: target.threshold, direction, measure };
  const result = (status: StatusResult['status'], code: string, params: ReasonParams): IndicatorEvaluation => ({
    status,
    reasons: [{ code, params: { ...measured, ...params }, rule }],
    latest: { value, measuredAt },
  });
  if (headroom < -EPSILON) {
    const early = target.checkDate !== undefined && now < startOf(target.checkDate, 'target.checkDate', zone);
    const side = target.direction === '>=' ? 'below' : 'above';
    return result(early ? 'yellow' : 'red', `indicator.${side}-threshold`, { early, ...(target.checkDate !== undefined ? { checkDate: target.checkDate } : {}) });
  }
  if (target.warningMargin !== undefined && headroom < target.warningMargin - EPSILON) {
    return result('yellow', 'indicator.near-threshold', { margin: target.warningMargin });
  }
  return result('green', 'indicator.met', {});
}
