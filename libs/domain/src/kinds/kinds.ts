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
import { DomainValidationError } from '../errors';
import { isoDateOrInstant, isoDay, startOf } from './time';
import { CurvePoint, validateCurve } from './progress';
import { compact, count, oneOf, plainObject, quantity, ratio } from './validation';

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

const opt = <T>(value: unknown, parse: (v: unknown) => T): T | undefined => (value === undefined ? undefined : parse(value));

function personTimes(input: unknown, field: string): PersonTimesByLevel {
  const o = plainObject(input, field, TRAINING_LEVELS);
  return compact(Object.fromEntries(TRAINING_LEVELS.map((l) => [l, opt(o[l], (v) => count(v, `${field}.${l}`))])));
}

function period(o: Record<string, unknown>, field: string): { start: string; end: string } {
  const start = isoDay(o.start, `${field}.start`);
  const end = isoDay(o.end, `${field}.end`);
  if (startOf(end, `${field}.end`) < startOf(start, `${field}.start`)) throw new DomainValidationError(`${field}.end`, `must not be before start ${start}`);
  return { start, end };
}

function kindOf(kind: unknown): ProjectKind {
  if (!isProjectKind(kind)) throw new DomainValidationError('kind', `must be one of ${PROJECT_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
  return kind;
}

/** Parses a project's targets for its kind, or throws DomainValidationError naming the offending field. */
export function validateTargets<K extends ProjectKind>(kind: K, input: unknown, field = 'targets'): TargetsByKind[K] {
  const f = (k: string) => `${field}.${k}`;
  switch (kindOf(kind)) {
    case 'school_construction': {
      const o = plainObject(input, field, ['seatsPlanned', 'classesPlanned', 'investmentPlanned']);
      const targets: SchoolConstructionTargets = {
        seatsPlanned: count(o.seatsPlanned, f('seatsPlanned')),
        classesPlanned: count(o.classesPlanned, f('classesPlanned')),
        investmentPlanned: count(o.investmentPlanned, f('investmentPlanned')),
      };
      return targets as TargetsByKind[K];
    }
    case 'teacher_rotation': {
      const o = plainObject(input, field, ['checkDate', 'minRate', 'minBackboneShare']);
      const targets: RotationTargets = compact({
        checkDate: isoDay(o.checkDate, f('checkDate')),
        minRate: opt(o.minRate, (v) => ratio(v, f('minRate'))),
        minBackboneShare: opt(o.minBackboneShare, (v) => ratio(v, f('minBackboneShare'))),
      });
      return targets as TargetsByKind[K];
    }
    case 'training_quota': {
      const o = plainObject(input, field, ['start', 'end', 'personTimes', 'totalPersonTimes', 'hoursCycle', 'curve']);
      const hoursCycle = opt(o.hoursCycle, (v) => {
        const h = plainObject(v, f('hoursCycle'), ['hoursPerTeacher', 'start', 'end', 'teachers']);
        const hoursPerTeacher = quantity(h.hoursPerTeacher, f('hoursCycle.hoursPerTeacher'));
        if (hoursPerTeacher === 0) throw new DomainValidationError(f('hoursCycle.hoursPerTeacher'), 'must be more than 0');
        return compact({ hoursPerTeacher, ...period(h, f('hoursCycle')), teachers: opt(h.teachers, (t) => count(t, f('hoursCycle.teachers'))) });
      });
      const targets: TrainingTargets = compact({
        ...period(o, field),
        personTimes: o.personTimes === undefined ? {} : personTimes(o.personTimes, f('personTimes')),
        totalPersonTimes: opt(o.totalPersonTimes, (v) => count(v, f('totalPersonTimes'))),
        hoursCycle,
        curve: opt(o.curve, (v) => validateCurve(v, f('curve'))),
      });
      if (Object.keys(targets.personTimes).length === 0 && targets.totalPersonTimes === undefined && !hoursCycle) {
        throw new DomainValidationError(f('personTimes'), 'needs a target for at least one level, a total, or an hours cycle');
      }
      return targets as TargetsByKind[K];
    }
    case 'indicator': {
      const o = plainObject(input, field, ['threshold', 'direction', 'measure', 'warningMargin', 'checkDate']);
      const measure = opt(o.measure, (v) => oneOf(v, f('measure'), INDICATOR_MEASURES)) ?? 'ratio';
      const value = measure === 'ratio' ? ratio : quantity;
      const targets: IndicatorTarget = compact({
        threshold: value(o.threshold, f('threshold')),
        direction: oneOf(o.direction, f('direction'), INDICATOR_DIRECTIONS),
        measure,
        warningMargin: opt(o.warningMargin, (v) => value(v, f('warningMargin'))),
        checkDate: opt(o.checkDate, (v) => isoDay(v, f('checkDate'))),
      });
      return targets as TargetsByKind[K];
    }
    case 'generic':
      if (input !== undefined && input !== null) plainObject(input, field, []);
      return {} as TargetsByKind[K];
  }
}

/** Parses one progress report's figures for the kind, or throws DomainValidationError naming the offending field. */
export function validateFigures<K extends ProjectKind>(kind: K, input: unknown, field = 'figures'): FiguresByKind[K] {
  const f = (k: string) => `${field}.${k}`;
  switch (kindOf(kind)) {
    case 'school_construction': {
      const o = plainObject(input, field, ['seatsDelivered', 'classesDelivered', 'investmentSpent', 'quantities']);
      const figures: SchoolConstructionFigures = compact({
        seatsDelivered: opt(o.seatsDelivered, (v) => count(v, f('seatsDelivered'))),
        classesDelivered: opt(o.classesDelivered, (v) => count(v, f('classesDelivered'))),
        investmentSpent: opt(o.investmentSpent, (v) => count(v, f('investmentSpent'))),
        quantities: reportedQuantities(o.quantities, f('quantities')),
      });
      return figures as FiguresByKind[K];
    }
    case 'teacher_rotation': {
      const o = plainObject(input, field, ['eligible', 'rotated', 'rotatedBackbone', 'quantities']);
      const figures: RotationFigures = compact({
        eligible: count(o.eligible, f('eligible')),
        rotated: count(o.rotated, f('rotated')),
        rotatedBackbone: count(o.rotatedBackbone, f('rotatedBackbone')),
        quantities: reportedQuantities(o.quantities, f('quantities')),
      });
      if (figures.rotated > figures.eligible) throw new DomainValidationError(f('rotated'), `cannot exceed the ${figures.eligible} eligible teachers`);
      if (figures.rotatedBackbone > figures.rotated) throw new DomainValidationError(f('rotatedBackbone'), `cannot exceed the ${figures.rotated} rotated teachers`);
      return figures as FiguresByKind[K];
    }
    case 'training_quota': {
      const o = plainObject(input, field, ['personTimes', 'averageHoursPerTeacher', 'quantities']);
      const figures: TrainingFigures = compact({
        personTimes: opt(o.personTimes, (v) => personTimes(v, f('personTimes'))),
        averageHoursPerTeacher: opt(o.averageHoursPerTeacher, (v) => quantity(v, f('averageHoursPerTeacher'))),
        quantities: reportedQuantities(o.quantities, f('quantities')),
      });
      return figures as FiguresByKind[K];
    }
    case 'indicator': {
      const o = plainObject(input, field, ['value', 'measuredAt', 'quantities']);
      const figures: IndicatorFigures = compact({
        value: quantity(o.value, f('value')),
        measuredAt: opt(o.measuredAt, (v) => isoDateOrInstant(v, f('measuredAt'))),
        quantities: reportedQuantities(o.quantities, f('quantities')),
      });
      return figures as FiguresByKind[K];
    }
    case 'generic': {
      const o = input === undefined || input === null ? {} : plainObject(input, field, ['quantities']);
      return compact({ quantities: reportedQuantities(o.quantities, f('quantities')) }) as FiguresByKind[K];
    }
  }
}

/**
 * Running totals of a project's quantity targets, on any kind: `{seats: 440, floorArea: 1502}`. Here each is a
 * non-negative number under a figure name; the API checks names and units against the project's targets.
 */
export function reportedQuantities(input: unknown, field: string): Record<string, number> | undefined {
  if (input === undefined) return undefined;
  const o = plainObject(input, field, Object.keys(typeof input === 'object' && input !== null ? input : {}));
  if (Object.keys(o).length > 50) throw new DomainValidationError(field, 'at most 50 figures');
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, quantity(v, `${field}.${k}`)]));
}
