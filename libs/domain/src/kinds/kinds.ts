/**
 * The five kinds of key project and the shape of their targets and report figures.
 *
 * Representation:
 * - rates and shares are ratios in 0..1 (10% is 0.1), never percentages;
 * - counts (teachers, seats, classes, person-times) are non-negative whole numbers;
 * - money is whole yuan (元), not 万元;
 * - dates are `YYYY-MM-DD` calendar days in the plan's zone; period ends and deadlines include their last day;
 * - report figures are cumulative totals as of the report, so the latest report wins.
 */
import { DomainValidationError, shown } from '../errors';
import { isoDateOrInstant, isoDay, startOf } from './time';
import { CurvePoint, validateCurve } from './progress';
import { compact, count, oneOf, plainObject, quantity, ratio } from './validation';
import { Fields, keysOf, readField, readFields } from './fields';

export const PROJECT_KINDS = ['school_construction', 'teacher_rotation', 'training_quota', 'indicator', 'generic'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];

export function isProjectKind(value: unknown): value is ProjectKind {
  return typeof value === 'string' && (PROJECT_KINDS as readonly string[]).includes(value);
}

/** Five-level teacher training (五级培训): national, provincial, municipal, county, school. */
export const TRAINING_LEVELS = ['national', 'provincial', 'municipal', 'county', 'school'] as const;
export type TrainingLevel = (typeof TRAINING_LEVELS)[number];
export type PersonTimesByLevel = Partial<Record<TrainingLevel, number>>;

export const INDICATOR_DIRECTIONS = ['>=', '<='] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];
/** `ratio` values are 0..1 (coverage 0.85); `count` values are plain non-negative numbers (e.g. oversized classes). */
export const INDICATOR_MEASURES = ['ratio', 'count'] as const;
export type IndicatorMeasure = (typeof INDICATOR_MEASURES)[number];

export interface SchoolConstructionTargets {
  seatsPlanned: number;
  classesPlanned: number;
  /** Whole yuan. */
  investmentPlanned: number;
}
export interface SchoolConstructionFigures extends QuantityFigures {
  seatsDelivered?: number;
  classesDelivered?: number;
  /** Whole yuan spent so far. */
  investmentSpent?: number;
}

export interface RotationRules {
  /** Minimum share of eligible teachers who rotate; default 0.1. */
  minRate?: number;
  /** Minimum share of backbone teachers among those rotated; default 0.2. */
  minBackboneShare?: number;
}
export interface RotationTargets extends RotationRules {
  /** The day the school year's rotation is checked; before it an unmet rule is at risk, from it on failed. */
  checkDate: string;
}
export interface RotationFigures extends QuantityFigures {
  eligible: number;
  rotated: number;
  rotatedBackbone: number;
}

/** Hours of training each teacher must reach over a multi-year cycle (e.g. 360 h in 5 years). */
export interface HoursCycle {
  hoursPerTeacher: number;
  start: string;
  end: string;
  teachers?: number;
}
export interface TrainingTargets {
  start: string;
  end: string;
  personTimes: PersonTimesByLevel;
  /** A target over all levels together (e.g. 9,000 person-times of five-level training). */
  totalPersonTimes?: number;
  hoursCycle?: HoursCycle;
  /** A planned progress curve over the period ({at, share} points); linear when absent. */
  curve?: CurvePoint[];
}
export interface TrainingFigures extends QuantityFigures {
  personTimes?: PersonTimesByLevel;
  averageHoursPerTeacher?: number;
}

export interface IndicatorTarget {
  threshold: number;
  direction: IndicatorDirection;
  measure?: IndicatorMeasure;
  /** Values that meet the threshold by less than this margin are shown at risk. */
  warningMargin?: number;
  /** If set, a missed threshold before this day is at risk rather than failed. */
  checkDate?: string;
}
export interface IndicatorFigures extends QuantityFigures {
  value: number;
  /** When the value was measured; defaults to the report's date. */
  measuredAt?: string;
}

export type GenericTargets = Record<string, never>;
export type GenericFigures = QuantityFigures;
/** Running totals of the project's quantity targets, by figure; any kind may report them. */
export interface QuantityFigures {
  quantities?: Record<string, number>;
}

export interface TargetsByKind {
  school_construction: SchoolConstructionTargets;
  teacher_rotation: RotationTargets;
  training_quota: TrainingTargets;
  indicator: IndicatorTarget;
  generic: GenericTargets;
}
export interface FiguresByKind {
  school_construction: SchoolConstructionFigures;
  teacher_rotation: RotationFigures;
  training_quota: TrainingFigures;
  indicator: IndicatorFigures;
  generic: GenericFigures;
}
export type KindTargets = { [K in ProjectKind]: { kind: K; targets: TargetsByKind[K] } }[ProjectKind];
export type KindFigures = { [K in ProjectKind]: { kind: K; figures: FiguresByKind[K] } }[ProjectKind];

const LEVEL_FIELDS: Fields = Object.fromEntries(TRAINING_LEVELS.map((l) => [l, { is: 'count', optional: true }]));
const CURVE_POINT_FIELDS: Fields = {
  at: { is: 'dayOrInstant', description: 'By the end of this day (or at this instant)' },
  share: { is: 'ratio', description: 'Share of the target done by then' },
};
const HOURS_CYCLE_FIELDS: Fields = {
  hoursPerTeacher: { is: 'quantity', description: 'Hours each teacher must reach over the cycle (more than 0)' },
  start: { is: 'day' },
  end: { is: 'day' },
  teachers: { is: 'count', optional: true },
};
const QUANTITIES: Fields[string] = {
  is: 'record', of: { is: 'quantity' }, maxEntries: 50, optional: true, read: (v, f) => reportedQuantities(v, f),
  description: "Running totals of the project's quantity targets by figure (e.g. {seats: 440}), in each figure's unit",
};

/** The fields of each kind's targets: what `validateTargets` reads and the API documents. */
export const TARGET_FIELDS: { readonly [K in ProjectKind]: Fields } = {
  school_construction: {
    seatsPlanned: { is: 'count' },
    classesPlanned: { is: 'count' },
    investmentPlanned: { is: 'count' },
  },
  teacher_rotation: {
    checkDate: { is: 'day', description: "The day the school year's rotation is checked" },
    minRate: { is: 'ratio', optional: true, description: 'Minimum share of eligible teachers who rotate (default 0.1)' },
    minBackboneShare: { is: 'ratio', optional: true, description: 'Minimum share of backbone teachers among those rotated (default 0.2)' },
  },
  training_quota: {
    start: { is: 'day' },
    end: { is: 'day', description: 'Last day of the period (not before start)' },
    personTimes: { is: 'object', fields: LEVEL_FIELDS, optional: true, description: 'Person-times by training level', read: (v, f) => personTimes(v, f) },
    totalPersonTimes: { is: 'count', optional: true, description: 'Person-times over all levels together' },
    hoursCycle: { is: 'object', fields: HOURS_CYCLE_FIELDS, optional: true, description: 'Hours each teacher must reach over a multi-year cycle' },
    curve: { is: 'list', of: { is: 'object', fields: CURVE_POINT_FIELDS }, optional: true, description: 'Planned progress curve (dates increasing, shares not decreasing); linear when absent', read: (v, f) => validateCurve(v, f) },
  },
  indicator: {
    threshold: { is: 'quantity', description: 'A ratio 0..1 when measure is ratio (the default)' },
    direction: { is: 'oneOf', values: INDICATOR_DIRECTIONS },
    measure: { is: 'oneOf', values: INDICATOR_MEASURES, optional: true },
    warningMargin: { is: 'quantity', optional: true, description: 'Values meeting the threshold by less than this are shown at risk (0..1 when measure is ratio)' },
    checkDate: { is: 'day', optional: true, description: 'Before this day a missed threshold is at risk rather than failed' },
  },
  generic: {},
};

/** The fields of each kind's report figures (cumulative totals as of the report): what `validateFigures` reads and the API documents. */
export const FIGURE_FIELDS: { readonly [K in ProjectKind]: Fields } = {
  school_construction: {
    seatsDelivered: { is: 'count', optional: true },
    classesDelivered: { is: 'count', optional: true },
    investmentSpent: { is: 'count', optional: true },
    quantities: QUANTITIES,
  },
  teacher_rotation: {
    eligible: { is: 'count', description: 'Teachers eligible to rotate' },
    rotated: { is: 'count', description: 'Teachers rotated (not more than eligible)' },
    rotatedBackbone: { is: 'count', description: 'Backbone teachers among those rotated (not more than rotated)' },
    quantities: QUANTITIES,
  },
  training_quota: {
    personTimes: { is: 'object', fields: LEVEL_FIELDS, optional: true, description: 'Person-times by training level', read: (v, f) => personTimes(v, f) },
    averageHoursPerTeacher: { is: 'quantity', optional: true },
    quantities: QUANTITIES,
  },
  indicator: {
    value: { is: 'quantity', description: 'The measured value (0..1 for a ratio indicator)' },
    measuredAt: { is: 'dayOrInstant', optional: true, description: "When it was measured; the report's date by default" },
    quantities: QUANTITIES,
  },
  generic: { quantities: QUANTITIES },
};

const opt = <T>(value: unknown, parse: (v: unknown) => T): T | undefined => (value === undefined ? undefined : parse(value));

/** An object of exactly the table's fields, each read and checked as the table says, naming the field at fault. */
const readObject = <T extends object>(fields: Fields, input: unknown, field: string): T => readFields<T>(fields, plainObject(input, field, keysOf(fields)), field);

const personTimes = (input: unknown, field: string): PersonTimesByLevel => readObject(LEVEL_FIELDS, input, field);

function period(o: Record<string, unknown>, field: string): { start: string; end: string } {
  const start = isoDay(o.start, `${field}.start`);
  const end = isoDay(o.end, `${field}.end`);
  if (startOf(end, `${field}.end`) < startOf(start, `${field}.start`)) throw new DomainValidationError(`${field}.end`, `must not be before start ${start}`, { code: 'field.end-before-start', params: { start } });
  return { start, end };
}

function kindOf(kind: unknown): ProjectKind {
  if (!isProjectKind(kind)) throw new DomainValidationError('kind', `must be one of ${PROJECT_KINDS.join(', ')}, got ${JSON.stringify(kind)}`, { code: 'field.one-of', params: { allowed: PROJECT_KINDS.join(', '), got: shown(kind) } });
  return kind;
}

/** Parses a project's targets for its kind, or throws DomainValidationError naming the offending field. */
export function validateTargets<K extends ProjectKind>(kind: K, input: unknown, field = 'targets'): TargetsByKind[K] {
  const f = (k: string) => `${field}.${k}`;
  switch (kindOf(kind)) {
    case 'school_construction':
      return readObject<SchoolConstructionTargets>(TARGET_FIELDS.school_construction, input, field) as TargetsByKind[K];
    case 'teacher_rotation':
      return readObject<RotationTargets>(TARGET_FIELDS.teacher_rotation, input, field) as TargetsByKind[K];
    case 'training_quota': {
      const fields = TARGET_FIELDS.training_quota;
      const o = plainObject(input, field, keysOf(fields));
      const hoursCycle = opt(o.hoursCycle, (v) => {
        const h = plainObject(v, f('hoursCycle'), keysOf(HOURS_CYCLE_FIELDS));
        const hoursPerTeacher = readField(HOURS_CYCLE_FIELDS, h, 'hoursPerTeacher', f('hoursCycle')) as number;
        if (hoursPerTeacher === 0) throw new DomainValidationError(f('hoursCycle.hoursPerTeacher'), 'must be more than 0', { code: 'field.more-than-zero' });
        return compact({ hoursPerTeacher, ...period(h, f('hoursCycle')), teachers: readField(HOURS_CYCLE_FIELDS, h, 'teachers', f('hoursCycle')) as number | undefined });
      });
      const targets: TrainingTargets = compact({
        ...period(o, field),
        personTimes: o.personTimes === undefined ? {} : (readField(fields, o, 'personTimes', field) as PersonTimesByLevel),
        totalPersonTimes: readField(fields, o, 'totalPersonTimes', field) as number | undefined,
        hoursCycle,
        curve: readField(fields, o, 'curve', field) as CurvePoint[] | undefined,
      });
      if (Object.keys(targets.personTimes).length === 0 && targets.totalPersonTimes === undefined && !hoursCycle) {
        throw new DomainValidationError(f('personTimes'), 'needs a target for at least one level, a total, or an hours cycle', { code: 'field.training-target-needed' });
      }
      return targets as TargetsByKind[K];
    }
    case 'indicator': {
      const fields = TARGET_FIELDS.indicator;
      const o = plainObject(input, field, keysOf(fields));
      const measure = (readField(fields, o, 'measure', field) as IndicatorMeasure | undefined) ?? 'ratio';
      // The threshold and its margin are read as ratios (0..1) or plain quantities, as the measure says.
      const value = measure === 'ratio' ? ratio : quantity;
      const targets: IndicatorTarget = compact({
        threshold: value(o.threshold, f('threshold')),
        direction: readField(fields, o, 'direction', field) as IndicatorDirection,
        measure,
        warningMargin: opt(o.warningMargin, (v) => value(v, f('warningMargin'))),
        checkDate: readField(fields, o, 'checkDate', field) as string | undefined,
      });
      return targets as TargetsByKind[K];
    }
    case 'generic':
      if (input !== undefined && input !== null) plainObject(input, field, keysOf(TARGET_FIELDS.generic));
      return {} as TargetsByKind[K];
  }
}

/** Parses one progress report's figures for the kind, or throws DomainValidationError naming the offending field. */
export function validateFigures<K extends ProjectKind>(kind: K, input: unknown, field = 'figures'): FiguresByKind[K] {
  const k = kindOf(kind);
  const fields = FIGURE_FIELDS[k];
  // Every kind's figures are its table's fields; a generic report may carry none at all.
  const figures = k === 'generic' && (input === undefined || input === null) ? readFields(fields, {}, field) : readObject(fields, input, field);
  if (k === 'teacher_rotation') {
    const r = figures as RotationFigures;
    if (r.rotated > r.eligible) throw new DomainValidationError(`${field}.rotated`, `cannot exceed the ${r.eligible} eligible teachers`, { code: 'field.rotated-over-eligible', params: { eligible: r.eligible } });
    if (r.rotatedBackbone > r.rotated) throw new DomainValidationError(`${field}.rotatedBackbone`, `cannot exceed the ${r.rotated} rotated teachers`, { code: 'field.backbone-over-rotated', params: { rotated: r.rotated } });
  }
  return figures as FiguresByKind[K];
}

/**
 * Running totals of a project's quantity targets, on any kind: `{seats: 440, floorArea: 1502}`. Here each is a
 * non-negative number under a figure name; the API checks names and units against the project's targets.
 */
export function reportedQuantities(input: unknown, field: string): Record<string, number> | undefined {
  if (input === undefined) return undefined;
  const o = plainObject(input, field, Object.keys(typeof input === 'object' && input !== null ? input : {}));
  if (Object.keys(o).length > 50) throw new DomainValidationError(field, 'at most 50 figures', { code: 'field.max-items', params: { most: 50 } });
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, quantity(v, `${field}.${k}`)]));
}
