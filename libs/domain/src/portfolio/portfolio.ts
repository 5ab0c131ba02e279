import { DomainValidationError, shown } from '../errors';
import { isProjectKind, PROJECT_KINDS, ProjectKind } from '../kinds/kinds';
import { behindExpectation, CurvePoint, expectedProgress } from '../kinds/progress';
import { DEFAULT_ZONE, endOf, isoDay, startOf } from '../kinds/time';
import { compact, count, oneOf, plainObject, text } from '../kinds/validation';
import { Fields, keysOf } from '../kinds/fields';
import { StatusColor, StatusReason, StatusResult } from '../status';
import { FACILITY_CATEGORIES, FacilityCategory, validateTags, WORK_TYPES, WorkType } from '../targets/classification';
import { FigureDef, figureCatalogue, resolveFigureName } from '../targets/figures';
import { BUILTIN_TEMPLATES, ProjectTemplate } from '../targets/templates';

/** Which of a plan's projects a portfolio target looks at; every condition given must hold. */
export interface PortfolioFilter {
  kinds?: ProjectKind[];
  categories?: FacilityCategory[];
  workTypes?: WorkType[];
  /** Projects carrying at least one of these tags. */
  tags?: string[];
  /** Projects led by this unit or a unit below it. */
  leadUnitId?: string;
}

/**
 * A target over a plan's projects, due by `byDate` (inclusive), over the projects its `kind` and `filter` select:
 * - `count`: how many projects must reach `stage` inside the period (school_construction without a stage: opening),
 *   or be done (no stage);
 * - `sumOf`: a named figure summed over the projects (those that reached `stage` inside the period, if one is
 *   given), on its planned or delivered side (`seats` planned across the schools, `kindergartens` delivered).
 * The period runs from `startDate` (default 1 January of byDate's year) to `byDate`; pace is pro-rated over it.
 */
export interface PortfolioTarget {
  id: string;
  name: string;
  kind?: ProjectKind;
  filter?: PortfolioFilter;
  count?: number;
  stage?: string;
  byDate: string;
  startDate?: string;
  sumOf?: { field: string; basis?: 'planned' | 'delivered'; target: number };
}

export interface PortfolioProject {
  id: string;
  kind: string;
  status: StatusColor;
  acceptedStages: readonly string[];
  /** When each stage was accepted (day or instant); used where the day it was reached is not known. */
  stageAcceptedAt?: Record<string, string>;
  /** The day each stage was really reached, as reported; wins over `stageAcceptedAt`. */
  stageReachedOn?: Record<string, string>;
  /** Latest delivered figures by name (legacy kind names such as `seatsDelivered` included). */
  figures: Record<string, number>;
  /** Planned amounts by catalogue figure (`seats`, `kindergartens` …). */
  planned?: Record<string, number>;
  /** Delivered amounts by catalogue figure. */
  delivered?: Record<string, number>;
  category?: string;
  workType?: string;
  tags?: readonly string[];
  /** The lead unit's path in the unit tree; a unit's subtree is every path starting with its own. */
  leadUnitPath?: string;
}

export interface PortfolioEvaluation extends StatusResult {
  achieved: number;
  target: number;
  /** Pro-rated amount expected by `asOf`, rounded. */
  expected: number;
  expectedShare: number;
  /** Projects counted or summed, in input order. */
  contributing: string[];
  /** How many projects the kind and filter select. */
  selected: number;
}

export interface PortfolioOptions {
  /** How far behind the pro-rated pace is still on track, as a share of the target; default 0.1. */
  tolerance?: number;
  /** A planned pace (e.g. most schools open in late August) instead of linear. */
  curve?: CurvePoint[];
  zone?: string;
  /** Paths of the units a filter names (`filter.leadUnitId` → path); a unit without a path selects nothing. */
  unitPaths?: Record<string, string>;
}

export interface PortfolioContext {
  /** The plan's own templates, whose stage keys a target may name. */
  templates?: readonly ProjectTemplate[];
  /** The plan's own figures, which a target may sum. */
  figures?: readonly FigureDef[];
}

const UNIT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIST = { is: 'list', optional: true, minItems: 1, maxItems: 50 } as const;
/** The fields of a portfolio target's filter, as `validatePortfolioTarget` reads them and the API documents them. */
export const PORTFOLIO_FILTER_FIELDS: Fields = {
  kinds: { ...LIST, of: { is: 'oneOf', values: PROJECT_KINDS } },
  categories: { ...LIST, of: { is: 'oneOf', values: FACILITY_CATEGORIES } },
  workTypes: { ...LIST, of: { is: 'oneOf', values: WORK_TYPES } },
  tags: { ...LIST, of: { is: 'text', minLength: 1, maxLength: 40 }, description: 'Projects carrying at least one of these tags' },
  leadUnitId: { is: 'uuid', optional: true, description: 'Projects led by this unit or a unit below it' },
};
/** The fields of a portfolio target's sum. */
export const PORTFOLIO_SUM_FIELDS: Fields = {
  field: { is: 'text', description: "A figure of the catalogue (seats, kindergartens …) or a kind's own name (seatsPlanned, seatsDelivered …)" },
  basis: { is: 'oneOf', values: ['planned', 'delivered'], optional: true, description: 'Which side is summed; delivered by default' },
  target: { is: 'count', minimum: 1 },
};
/** The fields of a portfolio target: exactly one of count or sumOf. */
export const PORTFOLIO_TARGET_FIELDS: Fields = {
  id: { is: 'text', minLength: 1, description: 'Unique within the plan' },
  name: { is: 'text', minLength: 1 },
  kind: { is: 'oneOf', values: PROJECT_KINDS, optional: true },
  filter: { is: 'object', fields: PORTFOLIO_FILTER_FIELDS, optional: true },
  count: { is: 'count', optional: true, minimum: 1, description: 'How many projects must reach the stage (or be done)' },
  stage: { is: 'text', optional: true, description: "A stage key of a template (built-in or the plan's)" },
  byDate: { is: 'day', description: 'Due by the end of this day' },
  startDate: { is: 'day', optional: true, description: "Start of the period (1 January of byDate's year by default); not after byDate" },
  sumOf: { is: 'object', fields: PORTFOLIO_SUM_FIELDS, optional: true, description: 'A figure summed over the projects' },
};

const listOf = <T>(value: unknown, field: string, item: (v: unknown, f: string) => T): T[] => {
  if (!Array.isArray(value) || value.length === 0 || value.length > 50) throw new DomainValidationError(field, 'must be a list of 1 to 50 values', { code: 'field.list-size', params: { from: 1, to: 50 } });
  return value.map((v, i) => item(v, `${field}[${i}]`));
};

function validateFilter(input: unknown, field: string): PortfolioFilter {
  const o = plainObject(input, field, keysOf(PORTFOLIO_FILTER_FIELDS));
  const uuid = (v: unknown, f: string) => {
    if (typeof v !== 'string' || !UNIT_ID.test(v)) throw new DomainValidationError(f, `must be a unit id, got ${JSON.stringify(v)}`, { code: 'field.unit-id', params: { got: shown(v) } });
    return v.toLowerCase();
  };
  return compact({
    kinds: o.kinds === undefined ? undefined : listOf(o.kinds, `${field}.kinds`, (v, f) => oneOf(v, f, PROJECT_KINDS)),
    categories: o.categories === undefined ? undefined : listOf(o.categories, `${field}.categories`, (v, f) => oneOf(v, f, FACILITY_CATEGORIES)),
    workTypes: o.workTypes === undefined ? undefined : listOf(o.workTypes, `${field}.workTypes`, (v, f) => oneOf(v, f, WORK_TYPES)),
    tags: o.tags === undefined ? undefined : listOf(o.tags, `${field}.tags`, (v) => v) && validateTags(o.tags, `${field}.tags`),
    leadUnitId: o.leadUnitId === undefined ? undefined : uuid(o.leadUnitId, `${field}.leadUnitId`),
  });
}

/** The stage names of every template, built-in first: the name a stage key is shown with. */
function stageNames(templates: readonly ProjectTemplate[] = []): Map<string, string> {
  const names = new Map<string, string>();
  for (const t of [...BUILTIN_TEMPLATES, ...templates]) for (const s of t.stages) if (!names.has(s.key)) names.set(s.key, s.name);
  return names;
}

/** Checks a portfolio target, naming the offending field; figure names are checked against the catalogue. */
export function validatePortfolioTarget(input: unknown, field = 'target', ctx: PortfolioContext = {}): PortfolioTarget {
  const f = (k: string) => `${field}.${k}`;
  const o = plainObject(input, field, keysOf(PORTFOLIO_TARGET_FIELDS));
  if (o.kind !== undefined && !isProjectKind(o.kind)) throw new DomainValidationError(f('kind'), `must be a project kind, got ${JSON.stringify(o.kind)}`, { code: 'field.one-of', params: { allowed: PROJECT_KINDS.join(', '), got: shown(o.kind) } });
  const target: PortfolioTarget = compact({ id: text(o.id, f('id')), name: text(o.name, f('name')), kind: o.kind as ProjectKind | undefined, byDate: isoDay(o.byDate, f('byDate')) });
  if (o.filter !== undefined) target.filter = validateFilter(o.filter, f('filter'));
  if ((o.count === undefined) === (o.sumOf === undefined)) throw new DomainValidationError(f('count'), 'give exactly one of count or sumOf', { code: 'field.exactly-one-of', params: { options: 'count, sumOf' } });
  if (o.count !== undefined) {
    target.count = count(o.count, f('count'));
    if (target.count === 0) throw new DomainValidationError(f('count'), 'must be at least 1', { code: 'field.at-least', params: { bound: 1 } });
  }
  if (o.sumOf !== undefined) {
    const s = plainObject(o.sumOf, f('sumOf'), keysOf(PORTFOLIO_SUM_FIELDS));
    const resolved = resolveFigureName(s.field, f('sumOf.field'), figureCatalogue(ctx.figures));
    const basis = s.basis === undefined ? (resolved.basis ?? 'delivered') : oneOf(s.basis, f('sumOf.basis'), ['planned', 'delivered'] as const);
    if (resolved.basis && resolved.basis !== basis) throw new DomainValidationError(f('sumOf.basis'), `${s.field} is the ${resolved.basis} side of ${resolved.figure.key}`, { code: 'field.figure-side-mismatch', params: { name: String(s.field), basis: resolved.basis, figure: resolved.figure.key } });
    target.sumOf = compact({ field: s.field as string, basis: s.basis === undefined ? undefined : basis, target: count(s.target, f('sumOf.target')) });
    if (target.sumOf.target === 0) throw new DomainValidationError(f('sumOf.target'), 'must be at least 1', { code: 'field.at-least', params: { bound: 1 } });
  }
  if (o.stage !== undefined) {
    const names = stageNames(ctx.templates);
    if (typeof o.stage !== 'string' || !names.has(o.stage)) throw new DomainValidationError(f('stage'), `must be a stage of a template (${[...names.keys()].join(', ')}), got ${JSON.stringify(o.stage)}`, { code: 'field.one-of', params: { allowed: [...names.keys()].join(', '), got: shown(o.stage) } });
    target.stage = o.stage;
  }
  if (o.startDate !== undefined) {
    target.startDate = isoDay(o.startDate, f('startDate'));
    if (target.startDate > target.byDate) throw new DomainValidationError(f('startDate'), `must not be after byDate ${target.byDate}`, { code: 'field.not-after', params: { other: 'byDate', day: target.byDate } });
  }
  return target;
}

/** Whether a project is one the target's kind and filter select (stage and period aside). */
export function selects(t: Pick<PortfolioTarget, 'kind' | 'filter'>, p: PortfolioProject, unitPaths: Record<string, string> = {}): boolean {
  const filter = t.filter ?? {};
  if (t.kind !== undefined && p.kind !== t.kind) return false;
  if (filter.kinds && !filter.kinds.includes(p.kind as ProjectKind)) return false;
  if (filter.categories && !filter.categories.includes(p.category as FacilityCategory)) return false;
  if (filter.workTypes && !filter.workTypes.includes(p.workType as WorkType)) return false;
  if (filter.tags && !filter.tags.some((tag) => p.tags?.includes(tag))) return false;
  if (filter.leadUnitId !== undefined) {
    const path = unitPaths[filter.leadUnitId];
    if (path === undefined || p.leadUnitPath === undefined || !p.leadUnitPath.startsWith(path)) return false;
  }
  return true;
}

/**
 * Progress of a portfolio target: done once met; red when byDate has passed unmet; yellow when behind the
 * pro-rated pace by more than the tolerance; green otherwise. A stage counts on the day it was reached (as
 * reported, else as accepted), and only inside [startDate, byDate] and not after `asOf`.
 */
export function evaluatePortfolio(
  targetInput: PortfolioTarget,
  projects: readonly PortfolioProject[],
  asOf: string,
  opts: PortfolioOptions = {},
  ctx: PortfolioContext = {},
): PortfolioEvaluation {
  const t = validatePortfolioTarget(targetInput, 'target', ctx);
  const { tolerance = 0.1, curve, zone = DEFAULT_ZONE } = opts;
  const start = t.startDate ?? `${t.byDate.slice(0, 4)}-01-01`;
  const now = startOf(asOf, 'asOf', zone);
  const from = startOf(start, 'target.startDate', zone);
  const until = Math.min(now + 1, endOf(t.byDate, 'target.byDate', zone));
  const onlySchools = t.kind === 'school_construction' || (t.filter?.kinds?.length === 1 && t.filter.kinds[0] === 'school_construction');
  const stage = t.stage ?? (t.count !== undefined && onlySchools ? 'opening' : undefined);
  const sum = t.sumOf && { ...t.sumOf, ...resolveFigureName(t.sumOf.field, 'target.sumOf.field', figureCatalogue(ctx.figures)) };
  const basis = t.sumOf?.basis ?? sum?.basis ?? 'delivered';

  const selected = projects.filter((p) => selects(t, p, opts.unitPaths));
  const qualifies = (p: PortfolioProject): boolean => {
    if (!stage) return t.sumOf !== undefined || p.status === 'done';
    if (!p.acceptedStages.includes(stage)) return false;
    const at = p.stageReachedOn?.[stage] ?? p.stageAcceptedAt?.[stage];
    if (at === undefined) return true;
    const when = startOf(at, `projects.${p.id}.stageReachedOn.${stage}`, zone);
    return when >= from && when < until;
  };
  const amountOf = (p: PortfolioProject): number | undefined => {
    if (!sum) return 1;
    if (basis === 'planned') return p.planned?.[sum.figure.key];
    return p.delivered?.[sum.figure.key] ?? p.figures[sum.field];
  };
  let achieved = 0;
  const contributing: string[] = [];
  for (const p of selected.filter(qualifies)) {
    const amount = amountOf(p);
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) continue;
    achieved += amount;
    contributing.push(p.id);
  }

  const goal = t.count ?? t.sumOf!.target;
  const expectedShare = expectedProgress(start, t.byDate, asOf, curve, zone);
  const expected = Math.round(expectedShare * goal);
  const stageName = stage && (stageNames(ctx.templates).get(stage) ?? stage);
  const rule = t.count !== undefined ? `count=${goal} by ${t.byDate}` : `sum(${t.sumOf!.field}${t.sumOf!.basis ? `.${basis}` : ''})=${goal} by ${t.byDate}`;
  const params = compact({
    name: t.name, achieved, target: goal, expected, byDate: t.byDate, stage, stageName, measure: t.sumOf ? 'sum' : 'count',
    figure: sum?.figure.key, figureName: sum?.figure.name, unit: sum?.figure.unit, basis: sum ? basis : undefined,
  }) as Record<string, string | number>;
  const verdict = (status: StatusColor, code: string): PortfolioEvaluation => {
    const reasons: StatusReason[] = [{ code, rule, params }];
    if (selected.length === 0) reasons.push({ code: 'portfolio.empty-selection', params: { name: t.name } });
    return { status, reasons, achieved, target: goal, expected, expectedShare, contributing, selected: selected.length };
  };

  if (achieved >= goal) return verdict('done', 'portfolio.met');
  if (now >= endOf(t.byDate, 'target.byDate', zone)) return verdict('red', 'portfolio.missed');
  if (behindExpectation(achieved / goal, expectedShare, tolerance)) {
    return verdict('yellow', 'portfolio.behind-pace');
  }
  return verdict('green', 'portfolio.on-pace');
}
