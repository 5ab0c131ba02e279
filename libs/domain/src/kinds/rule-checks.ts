import { ProjectKind } from './kinds';
import { DEFAULT_ZONE, startOf } from './time';

const WEEK_MS = 7 * 86_400_000;

/**
 * The next instant after `afterMs` at which a kind's verdict can change with the date alone, with no new
 * report: a rotation or indicator check date, the end of a training period or hours cycle, and, for
 * training (whose expectation grows every day), a weekly look while its period runs. Days start at
 * midnight in the plan's zone. Undefined when nothing is left to check.
 */
export function nextRuleCheck(kind: ProjectKind, targets: Record<string, unknown>, afterMs: number, zone = DEFAULT_ZONE): number | undefined {
  const day = (v: unknown, field: string) => (typeof v === 'string' ? startOf(v, field, zone) : undefined);
  const candidates: Array<number | undefined> = [];
  switch (kind) {
    case 'teacher_rotation':
    case 'indicator':
      candidates.push(day(targets.checkDate, 'targets.checkDate'));
      break;
    case 'training_quota': {
      const start = day(targets.start, 'targets.start');
      const end = day(targets.end, 'targets.end');
      const cycle = targets.hoursCycle as Record<string, unknown> | undefined;
      candidates.push(end, day(cycle?.end, 'targets.hoursCycle.end'));
      if (start !== undefined && end !== undefined && afterMs < end) {
        const weeks = Math.floor(Math.max(0, afterMs - start) / WEEK_MS) + 1;
        candidates.push(start + weeks * WEEK_MS);
      }
      break;
    }
    default:
      break;
  }
  const future = candidates.filter((t): t is number => t !== undefined && t > afterMs);
  return future.length ? Math.min(...future) : undefined;
}
