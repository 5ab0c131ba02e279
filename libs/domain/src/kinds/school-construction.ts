import { DomainValidationError } from '../errors';
import { green, StatusReason, StatusResult, worstStatus } from '../status';
import { SchoolConstructionFigures, SchoolConstructionTargets, validateFigures, validateTargets } from './kinds';
import { behindExpectation, CurvePoint, expectedProgress } from './progress';
import { findTemplate, templateMilestones } from '../targets/templates';
import { SCHOOL_STAGES, StageKey, STAGE_KEYS } from './school-stages';
import { DEFAULT_ZONE, dayOf, daysBetween, isoDay } from './time';

export { DEFAULT_SCHOOL_SPAN_MONTHS, SCHOOL_STAGES, STAGE_KEYS } from './school-stages';
export type { StageKey } from './school-stages';

export interface SchoolMilestone {
  id: StageKey;
  name: string;
  dueDate: string;
  weight: number;
  order: number;
}

export function isStageKey(value: unknown): value is StageKey {
  return typeof value === 'string' && (STAGE_KEYS as readonly string[]).includes(value);
}

const stageLabel = (key: StageKey) => {
  const stage = SCHOOL_STAGES[STAGE_KEYS.indexOf(key)];
  return `${stage.name} (${stage.nameEn})`;
};

const stageParams = (key: StageKey) => ({ stage: key, stageName: SCHOOL_STAGES[STAGE_KEYS.indexOf(key)].name });

/**
 * The seven stage milestones of a school, ending on its opening day (the hard deadline).
 * Explicit `stageDates` win; stages without one are spread between their nearest fixed neighbours
 * (start, explicit dates, opening) in the default proportions. Without `startDate`, the start is
 * 24 months before opening, or the earliest explicit stage date if that is earlier.
 */
export function schoolMilestonesFromOpening(
  openingDate: string,
  opts: { startDate?: string; stageDates?: Partial<Record<StageKey, string>> } = {},
): SchoolMilestone[] {
  return templateMilestones(findTemplate('school')!, openingDate, { ...opts, dueField: 'openingDate' }) as SchoolMilestone[];
}

export type StageAcceptance = { ok: true } | { ok: false; code: string; reason: string; params: Record<string, string> };

/** A stage can be accepted once, and only after the stage before it. */
export function canAcceptStage(stageKey: string, acceptedStageKeys: readonly string[]): StageAcceptance {
  if (!isStageKey(stageKey)) return { ok: false, code: 'stage.unknown', reason: `Unknown stage "${stageKey}"; expected one of ${STAGE_KEYS.join(', ')}.`, params: { stage: String(stageKey), stages: STAGE_KEYS.join(', ') } };
  if (acceptedStageKeys.includes(stageKey)) return { ok: false, code: 'stage.already-accepted', reason: `Stage ${stageLabel(stageKey)} has already been accepted.`, params: stageParams(stageKey) };
  const i = STAGE_KEYS.indexOf(stageKey);
  const before = STAGE_KEYS[i - 1];
  if (i > 0 && !acceptedStageKeys.includes(before)) {
    const params = { ...stageParams(stageKey), before, beforeName: SCHOOL_STAGES[i - 1].name };
    return { ok: false, code: 'stage.out-of-order', reason: `Stage ${stageLabel(stageKey)} cannot be accepted before ${stageLabel(before)} is accepted.`, params };
  }
  return { ok: true };
}

export interface MilestoneDue {
  id: string;
  name: string;
  dueDate: string;
  weight: number;
}

export interface SchoolEvaluationOptions {
  /** Days before a due date from which an unaccepted stage is at risk; default 14 (natural days). */
  warningDays?: number;
  /** False where stage deadlines are judged elsewhere (the project workflow judges each milestone on the deadline policy). */
  judgeStageDeadlines?: boolean;
  /** How far spending may trail the planned share before it is at risk; default 0.1. */
  tolerance?: number;
  zone?: string;
}

/** The planned share of investment spent by `asOf`, following the milestones' cumulative weights. */
export function expectedInvestmentShare(milestones: readonly MilestoneDue[], asOf: string, zone = DEFAULT_ZONE): number {
  const sorted = [...milestones].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  const total = sorted.reduce((sum, m) => sum + m.weight, 0);
  if (sorted.length === 0 || total <= 0) return 0;
  const curve: CurvePoint[] = [];
  let cumulative = 0;
  for (const m of sorted) {
    cumulative += m.weight;
    const share = Math.min(1, cumulative / total);
    if (curve.length && curve[curve.length - 1].at === m.dueDate) curve[curve.length - 1].share = share;
    else curve.push({ at: m.dueDate, share });
  }
  return expectedProgress(sorted[0].dueDate, sorted[sorted.length - 1].dueDate, asOf, curve, zone);
}

/**
 * Status of one school: overdue stages are red (the opening day being the hard deadline), stages due within
 * the warning window and investment spending behind the milestone plan are yellow; once opened the school
 * is done unless it delivered fewer seats or classes than planned. Delivering more than planned is fine.
 */
export function evaluateSchoolConstruction(
  targetsInput: SchoolConstructionTargets,
  figuresInput: SchoolConstructionFigures,
  acceptedStages: readonly string[],
  asOf: string,
  milestones: readonly MilestoneDue[],
  opts: SchoolEvaluationOptions = {},
): StatusResult {
  const targets = validateTargets('school_construction', targetsInput);
  const figures = validateFigures('school_construction', figuresInput);
  const { warningDays = 14, tolerance = 0.1, zone = DEFAULT_ZONE, judgeStageDeadlines = true } = opts;
  const notes: StatusReason[] = [];
  const results: StatusResult[] = [];

  const delivery = [
    { what: 'seats', planned: targets.seatsPlanned, delivered: figures.seatsDelivered },
    { what: 'classes', planned: targets.classesPlanned, delivered: figures.classesDelivered },
  ] as const;
  for (const { what, planned, delivered } of delivery) {
    if (delivered !== undefined && delivered > planned) {
      notes.push({ code: `school.${what}-above-plan`, params: { delivered, planned, difference: delivered - planned } });
    }
  }

  if (acceptedStages.includes('opening')) {
    for (const { what, planned, delivered } of delivery) {
      if (delivered !== undefined && delivered < planned) {
        const reason = { code: `school.${what}-below-plan`, params: { delivered, planned, difference: planned - delivered } };
        results.push({ status: 'yellow', reasons: [reason] });
      }
    }
    results.push({ status: 'done', reasons: [{ code: 'school.opened', params: {} }, ...notes] });
    return worstStatus(results);
  }

  const today = dayOf(asOf, 'asOf', zone);
  for (const m of judgeStageDeadlines ? milestones : []) {
    if (acceptedStages.includes(m.id)) continue;
    const daysLeft = daysBetween(today, isoDay(m.dueDate, `milestones.${m.id}.dueDate`));
    const stage = { milestone: m.name, ...(isStageKey(m.id) ? { stage: m.id } : {}) };
    if (daysLeft < 0) {
      const code = m.id === 'opening' ? 'school.opening-overdue' : 'milestone.overdue';
      results.push({ status: 'red', reasons: [{ code, params: { ...stage, dueDate: m.dueDate, lateDays: -daysLeft }, milestoneId: m.id }] });
    } else if (daysLeft <= warningDays) {
      const params = { ...stage, dueDate: m.dueDate, daysLeft, warningDays };
      results.push({ status: 'yellow', reasons: [{ code: 'milestone.due-soon', params, milestoneId: m.id, rule: `warningDays=${warningDays}` }] });
    }
  }

  if (targets.investmentPlanned > 0 && figures.investmentSpent !== undefined) {
    const spentShare = figures.investmentSpent / targets.investmentPlanned;
    const expected = expectedInvestmentShare(milestones, asOf, zone);
    if (behindExpectation(spentShare, expected, tolerance)) {
      const params = { spentShare, spentYuan: figures.investmentSpent, plannedYuan: targets.investmentPlanned, expectedShare: expected };
      results.push({ status: 'yellow', reasons: [{ code: 'school.investment-behind', params, rule: `tolerance=${tolerance}` }] });
    }
    if (spentShare > 1) {
      notes.push({ code: 'school.investment-above-plan', params: { spentYuan: figures.investmentSpent, plannedYuan: targets.investmentPlanned } });
    }
  }

  const next = milestones.find((m) => !acceptedStages.includes(m.id));
  if (next) {
    notes.unshift({ code: 'school.next-stage', params: { milestone: next.name, ...(isStageKey(next.id) ? { stage: next.id } : {}), dueDate: next.dueDate }, milestoneId: next.id });
  }
  return worstStatus([...results, green(notes)]);
}
