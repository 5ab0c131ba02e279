import { StatusColor, StatusReason, StatusResult } from '../status';
import { RotationFigures, RotationRules, validateFigures, validateTargets } from './kinds';
import { DEFAULT_ZONE, startOf } from './time';

export const DEFAULT_ROTATION_RULES = { minRate: 0.1, minBackboneShare: 0.2 } as const;

/** Ratios are compared in millionths so that whole-number arithmetic decides the edges: 10 of 100 passes, 999 of 10000 fails. */
const SCALE = 1_000_000;

/** The smallest whole number of people that reaches `share` of `of`: ceil(share × of), computed exactly. */
export function requiredCount(share: number, of: number): number {
  const product = Math.round(share * SCALE) * of;
  const remainder = product % SCALE;
  return (product - remainder) / SCALE + (remainder > 0 ? 1 : 0);
}

export interface RotationEvaluation extends StatusResult {
  /** rotated / eligible (0 when nobody is eligible). */
  rotationRate: number;
  /** rotatedBackbone / rotated (0 when nobody rotated). */
  backboneShare: number;
  /** Teachers who must rotate: ceil(minRate × eligible). */
  requiredRotated: number;
  /** Backbone teachers needed once the rotation minimum is met: ceil(minBackboneShare × max(rotated, requiredRotated)). */
  requiredBackbone: number;
  missingRotated: number;
  missingBackbone: number;
}

/**
 * A unit's teacher rotation for one school year: at least `minRate` of eligible teachers rotate and at least
 * `minBackboneShare` of those rotated are backbone teachers. An unmet rule is at risk (yellow) before the
 * check date and failed (red) from the check date on.
 */
export function evaluateRotation(
  figuresInput: RotationFigures,
  rulesInput: RotationRules = {},
  checkDate: string,
  asOf: string,
  zone = DEFAULT_ZONE,
): RotationEvaluation {
  const { eligible, rotated, rotatedBackbone } = validateFigures('teacher_rotation', figuresInput);
  const { minRate = DEFAULT_ROTATION_RULES.minRate, minBackboneShare = DEFAULT_ROTATION_RULES.minBackboneShare } = validateTargets(
    'teacher_rotation',
    { ...rulesInput, checkDate },
    'rules',
  );
  const requiredRotated = requiredCount(minRate, eligible);
  const requiredBackbone = requiredCount(minBackboneShare, Math.max(rotated, requiredRotated));
  const figures = {
    rotationRate: eligible > 0 ? rotated / eligible : 0,
    backboneShare: rotated > 0 ? rotatedBackbone / rotated : 0,
    requiredRotated,
    requiredBackbone,
    missingRotated: Math.max(0, requiredRotated - rotated),
    missingBackbone: Math.max(0, requiredBackbone - rotatedBackbone),
  };
  if (eligible === 0) {
    return { status: 'green', reasons: [{ code: 'rotation.none-eligible', params: { eligible } }], ...figures };
  }

  const checkPassed = startOf(asOf, 'asOf', zone) >= startOf(checkDate, 'checkDate', zone);
  const failing: StatusColor = checkPassed ? 'red' : 'yellow';
  const when = { checkDate, checkPassed };
  const reasons: StatusReason[] = [];
  if (rotated < requiredRotated) {
    reasons.push({
      code: 'rotation.rate-below-minimum',
      params: { rotated, eligible, rotationRate: figures.rotationRate, required: requiredRotated, minRate, missing: figures.missingRotated, ...when },
      rule: `minRate=${minRate}`,
    });
  }
  if (rotatedBackbone < requiredCount(minBackboneShare, rotated)) {
    reasons.push({
      code: 'rotation.backbone-share-below-minimum',
      params: { rotatedBackbone, rotated, backboneShare: figures.backboneShare, minBackboneShare, missing: figures.missingBackbone, ...when },
      rule: `minBackboneShare=${minBackboneShare}`,
    });
  }
  if (reasons.length > 0) return { status: failing, reasons, ...figures };
  const params = { rotated, eligible, rotationRate: figures.rotationRate, rotatedBackbone, backboneShare: figures.backboneShare };
  return { status: 'green', reasons: [{ code: 'rotation.rules-met', params }], ...figures };
}
