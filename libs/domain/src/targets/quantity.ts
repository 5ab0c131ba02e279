import { DomainValidationError } from '../errors';
import { behindExpectation, CurvePoint, expectedProgress, validateCurve } from '../kinds/progress';
import { DEFAULT_ZONE, endOf, isoDay, startOf } from '../kinds/time';
import { compact, oneOf, plainObject, ratio } from '../kinds/validation';
import { Fields, keysOf } from '../kinds/fields';
import { StatusColor, StatusReason, StatusResult, worstStatus } from '../status';
import { FigureDef, figureCatalogue, resolveFigureName } from './figures';
import { amountIn, formatAmount, Unit, UNITS, unitOf } from './units';

/**
 * A quantity a project commits to, in a unit: "招聘教师47名", "20所普惠性幼儿园", "建筑面积1,502㎡".
 * Either a single `target` with a direction (at least / at most), or a range `min`..`max` ("1–2所试点校").
 * Owners report running totals under `figures.quantities.<figure>`; the latest report counts.
 */
export interface QuantityTarget {
  /** The figure it counts (`seats`, `kindergartens`, a plan's own figure); one target per figure per project. */
  figure: string;
  /** How the plan words it; defaults to the figure's name. */
  name: string;
  unit: Unit;
  direction: 'at_least' | 'at_most';
  target?: number;
  min?: number;
  max?: number;
  /** How a value above the target (at least) or above the range is shown: green (a note) or yellow. Default green. */
  over?: 'green' | 'yellow';
  /** Period over which the amount is expected to build up; the project's start and due dates by default. */
  start?: string;
  end?: string;
  curve?: CurvePoint[];
}

export const QUANTITY_DIRECTIONS = ['at_least', 'at_most'] as const;
export const OVER_DELIVERY = ['green', 'yellow'] as const;
const AMOUNT = { is: 'quantity', optional: true } as const;
/** The fields of a quantity target, as `validateQuantityTargets` reads them and the API documents them. */
export const QUANTITY_TARGET_FIELDS: Fields = {
  figure: { is: 'text', description: "A figure of the catalogue (built-in or the plan's own), e.g. seats, kindergartens, floorArea" },
  name: { is: 'text', optional: true, minLength: 1, maxLength: 100, description: "How the plan words it; the figure's name by default" },
  unit: { is: 'oneOf', values: Object.keys(UNITS), optional: true, description: "The figure's unit (the default); another unit is refused" },
  direction: { is: 'oneOf', values: QUANTITY_DIRECTIONS, optional: true, description: 'at_least (the default) or at_most; a range has none' },
  target: { ...AMOUNT, description: 'The amount in the unit (whole for counts and money, 0..1 for %); or min and max' },
  min: { ...AMOUNT, description: 'A range: its lower end' },
  max: { ...AMOUNT, description: 'A range: its upper end' },
  over: { is: 'oneOf', values: OVER_DELIVERY, optional: true, description: 'How a value above the target or range shows: green (the default) or yellow' },
  start: { is: 'day', optional: true, description: "Start of the period the amount builds up over; the project's start by default" },
  end: { is: 'day', optional: true, description: "End of that period; the project's due date by default" },
  curve: { is: 'list', optional: true, of: { is: 'object', fields: { at: { is: 'dayOrInstant' }, share: { is: 'ratio' } } }, description: 'Planned progress curve; linear when absent' },
};
const FIELDS = keysOf(QUANTITY_TARGET_FIELDS);

/** Checks a project's quantity targets, naming the offending field; figures come from the catalogue (built-in plus the plan's). */
export function validateQuantityTargets(input: unknown, field = 'quantities', catalogue: Map<string, FigureDef> = figureCatalogue()): QuantityTarget[] {
  if (!Array.isArray(input)) throw new DomainValidationError(field, 'must be a list of quantity targets', { code: 'field.list-of', params: { shape: '{figure, name, unit, target | min, max}' } });
  if (input.length > 50) throw new DomainValidationError(field, 'at most 50 quantity targets per project', { code: 'field.max-items', params: { most: 50 } });
  const seen = new Set<string>();
  return input.map((raw, i) => {
    const f = (k: string) => `${field}[${i}].${k}`;
    const o = plainObject(raw, `${field}[${i}]`, FIELDS);
    const { figure: def, basis } = resolveFigureName(o.figure, f('figure'), catalogue);
    if (basis) throw new DomainValidationError(f('figure'), `name the figure itself ("${def.key}"), not its ${basis} side`, { code: 'field.figure-not-side', params: { figure: def.key, basis } });
    if (seen.has(def.key)) throw new DomainValidationError(f('figure'), `"${def.key}" has a target already; one target per figure`, { code: 'field.figure-target-twice', params: { figure: def.key } });
    seen.add(def.key);
    const unit = o.unit === undefined ? def.unit : unitOf(o.unit, f('unit'));
    if (unit !== def.unit) throw new DomainValidationError(f('unit'), `${def.key} is counted in ${def.unit}, got ${unit}`, { code: 'field.figure-unit', params: { figure: def.key, expectedUnit: def.unit, gotUnit: unit } });
    const name = o.name === undefined ? def.name : o.name;
    if (typeof name !== 'string' || name.trim() === '' || name.length > 100) throw new DomainValidationError(f('name'), 'must be 1–100 characters', { code: 'field.length', params: { from: 1, to: 100 } });
    const isRange = o.min !== undefined || o.max !== undefined;
    if (isRange === (o.target !== undefined)) throw new DomainValidationError(f('target'), 'give either target, or min and max for a range', { code: 'field.target-or-range' });
    const q: QuantityTarget = compact({
      figure: def.key,
      name: name.trim(),
      unit,
      direction: o.direction === undefined ? 'at_least' : oneOf(o.direction, f('direction'), QUANTITY_DIRECTIONS),
      target: o.target === undefined ? undefined : amountIn(unit, o.target, f('target')),
      min: o.min === undefined ? undefined : amountIn(unit, o.min, f('min')),
      max: o.max === undefined ? undefined : amountIn(unit, o.max, f('max')),
      over: o.over === undefined ? undefined : oneOf(o.over, f('over'), OVER_DELIVERY),
      start: o.start === undefined ? undefined : isoDay(o.start, f('start')),
      end: o.end === undefined ? undefined : isoDay(o.end, f('end')),
      curve: o.curve === undefined ? undefined : validateCurve(o.curve, f('curve')),
    });
    if (isRange) {
      if (q.min === undefined || q.max === undefined) throw new DomainValidationError(f(q.min === undefined ? 'min' : 'max'), 'a range needs both min and max', { code: 'field.range-needs-both' });
      if (q.min > q.max) throw new DomainValidationError(f('max'), `must not be below min ${q.min}`, { code: 'field.max-below-min', params: { lower: q.min } });
      if (o.direction !== undefined) throw new DomainValidationError(f('direction'), 'a range has no direction', { code: 'field.range-no-direction' });
    }
    if (q.target === 0 && q.direction === 'at_least') throw new DomainValidationError(f('target'), 'must be more than 0', { code: 'field.more-than-zero' });
    if (q.start && q.end && q.end < q.start) throw new DomainValidationError(f('end'), `must not be before start ${q.start}`, { code: 'field.end-before-start', params: { start: q.start } });
    return q;
  });
}

/** Report figures for quantities: running totals by figure, each checked against its target's unit. */
export function validateQuantityFigures(input: unknown, targets: readonly QuantityTarget[], field = 'figures.quantities'): Record<string, number> {
  const o = plainObject(input, field, targets.map((t) => t.figure));
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, amountIn(targets.find((t) => t.figure === k)!.unit, v, `${field}.${k}`)]));
}

export type QuantityZone = 'below' | 'within' | 'above';

export interface QuantityProgress extends StatusResult {
  figure: string;
  name: string;
  unit: Unit;
  actual: number;
  target?: number;
  min?: number;
  max?: number;
  /** Amount expected by now on the pace of the period (toward the target, or toward min for a range): whole for counts. */
  expected: number;
  expectedShare: number;
  zone: QuantityZone;
}

export interface QuantityOptions {
  /** The project's period, used where the target gives none. */
  start: string;
  end: string;
  /** How far behind the pro-rated pace is still on track, as a share of the target; default 0.1. */
  tolerance?: number;
  zone?: string;
}

/**
 * One quantity judged on the latest reported total by `asOf`:
 * - at least N: reached → green (above N: green note or yellow, as `over` says); short once the period is over
 *   → red; behind the pro-rated pace by more than the tolerance → yellow; otherwise green;
 * - at most N: above N → red, otherwise green;
 * - range min..max: inside → green; above max → over (green note or yellow, as `over` says); below min is judged
 *   like "at least min" (red after the period, yellow when behind pace). Shares (%) have no pace: below min is
 *   yellow until the period ends.
 */
export function evaluateQuantity(q: QuantityTarget, reported: number | undefined, asOf: string, opts: QuantityOptions): QuantityProgress {
  const { tolerance = 0.1, zone = DEFAULT_ZONE } = opts;
  ratio(tolerance, 'tolerance');
  const start = q.start ?? opts.start;
  const end = q.end ?? opts.end;
  const actual = reported ?? 0;
  const now = startOf(asOf, 'asOf', zone);
  const periodOver = now >= endOf(end, 'end', zone);
  const paced = UNITS[q.unit] !== 'ratio' && q.direction === 'at_least';
  const expectedShare = paced ? expectedProgress(start, end, asOf, q.curve, zone) : periodOver ? 1 : 0;
  const goal = q.target ?? q.min!;
  // What the pace expects reads in the unit's own grain: whole schools and teachers, hundredths of hours or ㎡.
  const whole = UNITS[q.unit] === 'count' || UNITS[q.unit] === 'money';
  const expected = whole ? Math.round(expectedShare * goal) : Math.round(expectedShare * goal * 100) / 100;
  const fmt = (n: number) => formatAmount(n, q.unit);
  const bare = (n: number) => fmt(n).slice(0, -q.unit.length) || fmt(n);
  const goalText = q.target !== undefined ? fmt(q.target) : `${bare(q.min!)}–${fmt(q.max!)}`;
  const params = compact({ name: q.name, actual, unit: q.unit, target: q.target, min: q.min, max: q.max, expected, end });
  const rule = q.target !== undefined ? `${q.direction === 'at_least' ? '>=' : '<='} ${q.target}${q.unit}` : `${q.min}..${q.max}${q.unit}`;
  const base = { figure: q.figure, name: q.name, unit: q.unit, actual, ...compact({ target: q.target, min: q.min, max: q.max }), expected, expectedShare };
  const verdict = (status: StatusColor, zoneOf: QuantityZone, code: string, message: string): QuantityProgress => ({
    ...base,
    zone: zoneOf,
    status,
    reasons: [{ code, message, rule, params } as StatusReason],
  });
  const progress = `${q.name}：${UNITS[q.unit] === 'ratio' ? fmt(actual) : bare(actual)}/${goalText}`;

  if (q.direction === 'at_most' && q.target !== undefined) {
    if (actual > q.target) return verdict('red', 'above', 'quantity.above-cap', `${q.name}：${fmt(actual)}，超过上限${fmt(q.target)}`);
    return verdict('green', 'within', 'quantity.within-cap', `${q.name}：${fmt(actual)}，未超过上限${fmt(q.target)}`);
  }
  const ceiling = q.target ?? q.max!;
  if (actual > ceiling) {
    const code = q.target !== undefined ? 'quantity.above-target' : 'quantity.above-range';
    const message = `${progress}，超出${q.target !== undefined ? '目标' : '上限'}${fmt(actual - ceiling)}`;
    return verdict(q.over ?? 'green', 'above', code, message);
  }
  if (actual >= goal) {
    return q.target !== undefined
      ? verdict('green', 'within', 'quantity.met', `${progress}，已完成目标`)
      : verdict('green', 'within', 'quantity.in-range', `${progress}，在目标区间内`);
  }
  if (periodOver) return verdict('red', 'below', 'quantity.missed', `${progress}，截至${end}未完成目标`);
  if (!paced) return verdict('yellow', 'below', 'quantity.below-range', `${progress}，低于目标下限${fmt(goal)}`);
  const pace = `按进度应完成${fmt(expected)}`;
  if (behindExpectation(actual / goal, expectedShare, tolerance)) return verdict('yellow', 'below', 'quantity.behind-pace', `${progress}，${pace}，进度滞后`);
  return verdict('green', 'below', 'quantity.on-pace', `${progress}，${pace}`);
}

/** Every quantity of a project judged together: the worst colour wins; each line is kept for the metrics. */
export function evaluateQuantities(
  targets: readonly QuantityTarget[],
  reported: Record<string, number>,
  asOf: string,
  opts: QuantityOptions,
): StatusResult & { quantities: QuantityProgress[] } {
  const quantities = targets.map((q) => evaluateQuantity(q, reported[q.figure], asOf, opts));
  return { ...worstStatus(quantities.map(({ status, reasons }) => ({ status, reasons }))), quantities };
}

const WEEK_MS = 7 * 86_400_000;

/**
 * The next instant after `afterMs` at which a quantity's verdict can change with the date alone: the end of its
 * period (short becomes red) and, while a paced period runs, a weekly look (the expected amount grows every day).
 */
export function nextQuantityCheck(targets: readonly QuantityTarget[], afterMs: number, opts: QuantityOptions): number | undefined {
  const zone = opts.zone ?? DEFAULT_ZONE;
  const candidates: number[] = [];
  for (const q of targets) {
    const start = startOf(q.start ?? opts.start, 'start', zone);
    const end = endOf(q.end ?? opts.end, 'end', zone);
    candidates.push(end);
    const paced = UNITS[q.unit] !== 'ratio' && q.direction === 'at_least';
    if (paced && afterMs < end) candidates.push(start + (Math.floor(Math.max(0, afterMs - start) / WEEK_MS) + 1) * WEEK_MS);
  }
  const future = candidates.filter((t) => t > afterMs);
  return future.length ? Math.min(...future) : undefined;
}

/** Reported running totals of a project's quantities (`figures.quantities`), numbers only. */
export function reportedQuantities(figures: Record<string, unknown>): Record<string, number> {
  const raw = figures.quantities;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  return Object.fromEntries(Object.entries(raw).filter((e): e is [string, number] => typeof e[1] === 'number'));
}

/**
 * Partial delivery as the project's status shows it: "已交付440/1080个学位" for each figure with something
 * delivered and less than planned. Nothing for figures not started or complete.
 */
export function partialDeliveryReasons(lines: ReadonlyArray<{ figure: string; name: string; unit: Unit; planned: number; delivered?: number }>): StatusReason[] {
  return lines
    .filter((l) => l.delivered !== undefined && l.delivered > 0 && l.delivered < l.planned)
    .map((l) => ({
      code: 'delivery.partial',
      message: `已交付${formatAmount(l.delivered!, l.unit).slice(0, -l.unit.length)}/${formatAmount(l.planned, l.unit)}${l.name}`,
      params: { figure: l.figure, name: l.name, unit: l.unit, delivered: l.delivered!, planned: l.planned },
    }));
}
