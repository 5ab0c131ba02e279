import { StatusResult } from '../status';
import { evaluateIndicator, IndicatorEvaluation } from './indicator';
import { DomainValidationError, shown } from '../errors';
import { FiguresByKind, isProjectKind, PROJECT_KINDS, ProjectKind, TrainingFigures, validateFigures, validateTargets } from './kinds';
import { CurvePoint } from './progress';
import { evaluateSchoolConstruction, MilestoneDue } from './school-construction';
import { evaluateRotation, RotationEvaluation } from './teacher-rotation';
import { DEFAULT_ZONE, startOf } from './time';
import { evaluateTraining, TrainingEvaluation } from './training-quota';
import { compact } from './validation';

/** One accepted progress report's figures; figures are cumulative totals as of `at`. */
export interface FiguresReport {
  at: string;
  figures: unknown;
}

export interface EvaluateKindOptions {
  /** school_construction: the stage milestones with their (possibly extended) due dates. */
  milestones?: readonly MilestoneDue[];
  /** school_construction: stage keys accepted so far. */
  acceptedStages?: readonly string[];
  /** school_construction (investment) and training_quota: how far progress may trail expectation; default 0.1. */
  tolerance?: number;
  /** school_construction: days before a due date from which a stage is at risk; default 14. */
  warningDays?: number;
  /** school_construction: false where stage deadlines are judged by the milestones' own deadline policy. */
  judgeStageDeadlines?: boolean;
  /** training_quota: planned curve for the person-times period; linear when absent. */
  curve?: CurvePoint[];
  zone?: string;
}

export type KindEvaluation = StatusResult | RotationEvaluation | TrainingEvaluation | IndicatorEvaluation;

/**
 * A project's status from its kind's rules and the figures reported up to `asOf` (later reports are ignored).
 * Reports are cumulative: for each figure the latest reported value counts. `generic` projects have no
 * figure rules, so they are green here; their milestones' deadlines are judged elsewhere.
 */
export function evaluateKind(
  kind: ProjectKind,
  targetsInput: unknown,
  figuresHistory: readonly FiguresReport[],
  asOf: string,
  opts: EvaluateKindOptions = {},
): KindEvaluation {
  if (!isProjectKind(kind)) throw new DomainValidationError('kind', `must be one of ${PROJECT_KINDS.join(', ')}, got ${JSON.stringify(kind)}`, { code: 'field.one-of', params: { allowed: PROJECT_KINDS.join(', '), got: shown(kind) } });
  const zone = opts.zone ?? DEFAULT_ZONE;
  const now = startOf(asOf, 'asOf', zone);
  const reports = figuresHistory
    .map((r, i) => ({ t: startOf(r.at, `figuresHistory[${i}].at`, zone), at: r.at, figures: validateFigures(kind, r.figures, `figuresHistory[${i}].figures`) }))
    .filter((r) => r.t <= now)
    .sort((a, b) => a.t - b.t);
  const figures = <K extends ProjectKind>(k: K) => reports.map((r) => r.figures as FiguresByKind[K]);

  switch (kind) {
    case 'school_construction': {
      const merged = Object.assign({}, ...figures(kind)) as FiguresByKind['school_construction'];
      return evaluateSchoolConstruction(validateTargets(kind, targetsInput), merged, opts.acceptedStages ?? [], asOf, opts.milestones ?? [], {
        warningDays: opts.warningDays,
        judgeStageDeadlines: opts.judgeStageDeadlines,
        tolerance: opts.tolerance,
        zone,
      });
    }
    case 'teacher_rotation': {
      const targets = validateTargets(kind, targetsInput);
      const latest = figures(kind).at(-1);
      if (!latest) {
        const due = now >= startOf(targets.checkDate, 'targets.checkDate', zone);
        return { status: due ? 'red' : 'yellow', reasons: [{ code: 'rotation.no-figures', params: { checkDate: targets.checkDate, checkPassed: due } }] };
      }
      return evaluateRotation(latest, targets, targets.checkDate, asOf, zone);
    }
    case 'training_quota': {
      const merged = figures(kind).reduce<TrainingFigures>(
        (acc, f) => compact({ personTimes: { ...acc.personTimes, ...f.personTimes }, averageHoursPerTeacher: f.averageHoursPerTeacher ?? acc.averageHoursPerTeacher }),
        {},
      );
      const targets = validateTargets(kind, targetsInput);
      return evaluateTraining(targets, merged, asOf, opts.tolerance, opts.curve ?? targets.curve, zone);
    }
    case 'indicator': {
      const measurements = reports.map((r) => {
        const f = r.figures as FiguresByKind['indicator'];
        return { value: f.value, measuredAt: f.measuredAt ?? r.at };
      });
      return evaluateIndicator(validateTargets(kind, targetsInput), measurements, asOf, zone);
    }
    case 'generic':
      validateTargets(kind, targetsInput);
      return { status: 'green', reasons: [] };
  }
}
