import { green, StatusReason, StatusResult, worstStatus } from '../status';
import { TRAINING_LEVELS, TrainingFigures, TrainingLevel, TrainingTargets, validateFigures, validateTargets } from './kinds';
import { behindExpectation, CurvePoint, expectedProgress } from './progress';
import { DEFAULT_ZONE, endOf, startOf } from './time';
import { ratio } from './validation';

export const TRAINING_LEVEL_NAMES: Record<TrainingLevel, string> = {
  national: '国家级',
  provincial: '省级',
  municipal: '市级',
  county: '县级',
  school: '校级',
};

export interface QuotaProgress {
  /** A training level, or `total` for the all-levels target. */
  level: TrainingLevel | 'total';
  actual: number;
  target: number;
  /** actual / target; above 1 when the quota is exceeded. */
  completionRate: number;
  /** Person-times expected by now (pro-rated, rounded). */
  expected: number;
}

export interface HoursProgress {
  /** Average hours per teacher reported so far, if any. */
  actualAverage?: number;
  hoursPerTeacher: number;
  completionRate?: number;
  expectedShare: number;
  /** Average hours per teacher expected by now. */
  expected: number;
  /** hoursPerTeacher × teachers, when the teacher count is known. */
  totalHoursTarget?: number;
}

export interface TrainingEvaluation extends StatusResult {
  /** Share (0..1) of the period's person-times expected by now. */
  expectedShare: number;
  levels: QuotaProgress[];
  hours?: HoursProgress;
}

const round1 = (n: number) => Number(n.toFixed(1));

/**
 * Person-times of training per level (and in total) against their targets over the period, and average hours
 * per teacher over the hours cycle: behind the pro-rated expectation by more than `tolerance` is at risk,
 * short of the target once the period is over is failed.
 */
export function evaluateTraining(
  targetsInput: TrainingTargets,
  figuresInput: TrainingFigures,
  asOf: string,
  tolerance = 0.1,
  curve?: CurvePoint[],
  zone = DEFAULT_ZONE,
): TrainingEvaluation {
  const targets = validateTargets('training_quota', targetsInput);
  const figures = validateFigures('training_quota', figuresInput);
  ratio(tolerance, 'tolerance');
  const now = startOf(asOf, 'asOf', zone);
  const expectedShare = expectedProgress(targets.start, targets.end, asOf, curve, zone);
  const periodOver = now >= endOf(targets.end, 'targets.end', zone);
  const reported = figures.personTimes ?? {};

  const lines: Array<{ level: TrainingLevel | 'total'; target: number; actual: number }> = TRAINING_LEVELS.filter(
    (l) => targets.personTimes[l] !== undefined,
  ).map((l) => ({ level: l, target: targets.personTimes[l]!, actual: reported[l] ?? 0 }));
  if (targets.totalPersonTimes !== undefined) {
    lines.push({ level: 'total', target: targets.totalPersonTimes, actual: TRAINING_LEVELS.reduce((sum, l) => sum + (reported[l] ?? 0), 0) });
  }

  const results: StatusResult[] = [];
  const levels = lines.map(({ level, target, actual }): QuotaProgress => {
    const completionRate = target > 0 ? actual / target : 1;
    const expected = Math.round(expectedShare * target);
    const rule = `target=${target}`;
    if (actual < target && periodOver) {
      const params = { level, actual, target, completionRate, endDate: targets.end };
      results.push({ status: 'red', reasons: [{ code: 'training.quota-missed', params, rule }] });
    } else if (behindExpectation(completionRate, expectedShare, tolerance)) {
      const params = { level, actual, target, completionRate, expected, expectedShare };
      results.push({ status: 'yellow', reasons: [{ code: 'training.behind-schedule', params, rule: `${rule}, tolerance=${tolerance}` }] });
    }
    return { level, actual, target, completionRate, expected };
  });

  let hours: HoursProgress | undefined;
  const cycle = targets.hoursCycle;
  if (cycle) {
    const cycleShare = expectedProgress(cycle.start, cycle.end, asOf, undefined, zone);
    const average = figures.averageHoursPerTeacher;
    hours = {
      hoursPerTeacher: cycle.hoursPerTeacher,
      expectedShare: cycleShare,
      expected: round1(cycleShare * cycle.hoursPerTeacher),
      ...(cycle.teachers !== undefined ? { totalHoursTarget: cycle.hoursPerTeacher * cycle.teachers } : {}),
      ...(average !== undefined ? { actualAverage: average, completionRate: average / cycle.hoursPerTeacher } : {}),
    };
    if (average !== undefined) {
      const rate = average / cycle.hoursPerTeacher;
      const rule = `hoursPerTeacher=${cycle.hoursPerTeacher}`;
      if (average < cycle.hoursPerTeacher && now >= endOf(cycle.end, 'targets.hoursCycle.end', zone)) {
        const params = { averageHours: average, requiredHours: cycle.hoursPerTeacher, endDate: cycle.end };
        results.push({ status: 'red', reasons: [{ code: 'training.hours-missed', params, rule }] });
      } else if (behindExpectation(rate, cycleShare, tolerance)) {
        const params = { averageHours: average, requiredHours: cycle.hoursPerTeacher, endDate: cycle.end, completionRate: rate, expectedHours: hours.expected, expectedShare: cycleShare };
        results.push({ status: 'yellow', reasons: [{ code: 'training.hours-behind-schedule', params, rule: `${rule}, tolerance=${tolerance}` }] });
      }
    }
  }

  const allReached = levels.every((l) => l.actual >= l.target) && (!hours || (hours.actualAverage ?? 0) >= hours.hoursPerTeacher);
  const summary: StatusReason = allReached
    ? { code: 'training.targets-reached', params: {} }
    : { code: 'training.on-schedule', params: { expectedShare } };
  return { ...worstStatus([...results, green([summary])]), expectedShare, levels, ...(hours ? { hours } : {}) };
}
