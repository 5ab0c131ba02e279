import { DomainValidationError } from '../errors';
import { isProjectKind, ProjectKind } from '../kinds/kinds';
import { behindExpectation, CurvePoint, expectedProgress } from '../kinds/progress';
import { isStageKey, SCHOOL_STAGES, StageKey, STAGE_KEYS } from '../kinds/school-construction';
import { DEFAULT_ZONE, endOf, isoDay, startOf } from '../kinds/time';
import { count, plainObject, text } from '../kinds/validation';
import { StatusColor, StatusReason, StatusResult } from '../status';

/**
 * A target over a plan's projects of one kind, due by `byDate` (inclusive):
 * - `count`: how many projects must reach `stage` (school_construction, default opening) or be done (other kinds);
 * - `sumOf`: a figure summed over the projects (those that reached `stage`, if one is given), e.g. seatsDelivered.
 * Pace is pro-rated from `startDate` (default 1 January of byDate's year) to `byDate`.
 */
export interface PortfolioTarget {
  id: string;
  name: string;
  kind: ProjectKind;
  count?: number;
  stage?: StageKey;
  byDate: string;
  startDate?: string;
  sumOf?: { field: string; target: number };
}

export interface PortfolioProject {
  id: string;
  kind: string;
  status: StatusColor;
  acceptedStages: readonly string[];
  /** When each stage was accepted (day or instant); without it an accepted stage counts whenever it happened. */
  stageAcceptedAt?: Record<string, string>;
  figures: Record<string, number>;
}

export interface PortfolioEvaluation extends StatusResult {
  achieved: number;
  target: number;
  /** Pro-rated amount expected by `asOf`, rounded. */
  expected: number;
  expectedShare: number;
  /** Projects counted or summed, in input order. */
  contributing: string[];
}

export interface PortfolioOptions {
  /** How far behind the pro-rated pace is still on track, as a share of the target; default 0.1. */
  tolerance?: number;
  /** A planned pace (e.g. most schools open in late August) instead of linear. */
  curve?: CurvePoint[];
  zone?: string;
}

export function validatePortfolioTarget(input: unknown, field = 'target'): PortfolioTarget {
  const f = (k: string) => `${field}.${k}`;
  const o = plainObject(input, field, ['id', 'name', 'kind', 'count', 'stage', 'byDate', 'startDate', 'sumOf']);
  if (!isProjectKind(o.kind)) throw new DomainValidationError(f('kind'), `must be a project kind, got ${JSON.stringify(o.kind)}`);
  const target: PortfolioTarget = { id: text(o.id, f('id')), name: text(o.name, f('name')), kind: o.kind, byDate: isoDay(o.byDate, f('byDate')) };
  if ((o.count === undefined) === (o.sumOf === undefined)) throw new DomainValidationError(f('count'), 'give exactly one of count or sumOf');
  if (o.count !== undefined) {
    target.count = count(o.count, f('count'));
    if (target.count === 0) throw new DomainValidationError(f('count'), 'must be at least 1');
  }
  if (o.sumOf !== undefined) {
    const s = plainObject(o.sumOf, f('sumOf'), ['field', 'target']);
    target.sumOf = { field: text(s.field, f('sumOf.field')), target: count(s.target, f('sumOf.target')) };
    if (target.sumOf.target === 0) throw new DomainValidationError(f('sumOf.target'), 'must be at least 1');
  }
  if (o.stage !== undefined) {
    if (!isStageKey(o.stage)) throw new DomainValidationError(f('stage'), `must be one of ${STAGE_KEYS.join(', ')}, got ${JSON.stringify(o.stage)}`);
    if (target.kind !== 'school_construction') throw new DomainValidationError(f('stage'), 'only school_construction projects have stages');
    target.stage = o.stage;
  }
  if (o.startDate !== undefined) {
    target.startDate = isoDay(o.startDate, f('startDate'));
    if (target.startDate > target.byDate) throw new DomainValidationError(f('startDate'), `must not be after byDate ${target.byDate}`);
  }
  return target;
}

/**
 * Progress of a portfolio target: done once met; red when byDate has passed unmet; yellow when behind the
 * pro-rated pace by more than the tolerance; green otherwise. A stage accepted outside [start, byDate]
 * (when its date is known) does not count.
 */
export function evaluatePortfolio(
  targetInput: PortfolioTarget,
  projects: readonly PortfolioProject[],
  asOf: string,
  opts: PortfolioOptions = {},
): PortfolioEvaluation {
  const t = validatePortfolioTarget(targetInput);
  const { tolerance = 0.1, curve, zone = DEFAULT_ZONE } = opts;
  const start = t.startDate ?? `${t.byDate.slice(0, 4)}-01-01`;
  const now = startOf(asOf, 'asOf', zone);
  const from = startOf(start, 'target.startDate', zone);
  const until = Math.min(now + 1, endOf(t.byDate, 'target.byDate', zone));
  const stage = t.stage ?? (t.count !== undefined && t.kind === 'school_construction' ? 'opening' : undefined);

  const qualifies = (p: PortfolioProject): boolean => {
    if (p.kind !== t.kind) return false;
    if (!stage) return t.sumOf !== undefined || p.status === 'done';
    if (!p.acceptedStages.includes(stage)) return false;
    const at = p.stageAcceptedAt?.[stage];
    if (at === undefined) return true;
    const when = startOf(at, `projects.${p.id}.stageAcceptedAt.${stage}`, zone);
    return when >= from && when < until;
  };
  let achieved = 0;
  const contributing: string[] = [];
  for (const p of projects.filter(qualifies)) {
    const amount = t.sumOf ? p.figures[t.sumOf.field] : 1;
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) continue;
    achieved += amount;
    contributing.push(p.id);
  }

  const goal = t.count ?? t.sumOf!.target;
  const expectedShare = expectedProgress(start, t.byDate, asOf, curve, zone);
  const expected = Math.round(expectedShare * goal);
  const what = t.sumOf
    ? `${t.sumOf.field}${stage ? ` of projects past ${SCHOOL_STAGES[STAGE_KEYS.indexOf(stage)].name}` : ''}`
    : stage
      ? `projects reached ${SCHOOL_STAGES[STAGE_KEYS.indexOf(stage)].name} (${stage})`
      : 'projects done';
  const progress = `${t.name}: ${achieved} of ${goal} ${what}`;
  const rule = t.count !== undefined ? `count=${goal} by ${t.byDate}` : `sum(${t.sumOf!.field})=${goal} by ${t.byDate}`;
  const verdict = (status: StatusColor, code: string, message: string): PortfolioEvaluation => {
    const reasons: StatusReason[] = [{ code, message, rule }];
    return { status, reasons, achieved, target: goal, expected, expectedShare, contributing };
  };

  if (achieved >= goal) return verdict('done', 'portfolio.met', `${progress}: target met.`);
  if (now >= endOf(t.byDate, 'target.byDate', zone)) return verdict('red', 'portfolio.missed', `${progress}: the target was due ${t.byDate}.`);
  if (behindExpectation(achieved / goal, expectedShare, tolerance)) {
    return verdict('yellow', 'portfolio.behind-pace', `${progress}; ${expected} expected by now to reach the target by ${t.byDate}.`);
  }
  return verdict('green', 'portfolio.on-pace', `${progress}; ${expected} expected by now, on pace for ${t.byDate}.`);
}
