import { condition } from '@temporalio/workflow';
import type { DeadlineEvent, DeadlinePlan } from '../../libs/domain/src/deadline';

/** One plan event's identity for one deadline (as in the project workflow): reminders differ by offset, repeats by number. */
export const deadlineEventId = (e: DeadlineEvent) => `${e.kind}:${e.offset}:${e.level ?? 0}:${e.repeat ?? 0}`;

/** The plan's events not yet handled, in time order. */
export function pendingDeadlineEvents(plan: DeadlinePlan | undefined, fired: string[]): DeadlineEvent[] {
  return plan ? plan.events.filter((e) => !fired.includes(deadlineEventId(e))) : [];
}

/** Marks every event already in the past as handled: a deadline set or resumed late does not fire a burst of old reminders. */
export function skipPastDeadlineEvents(plan: DeadlinePlan, fired: string[], now = Date.now()): void {
  for (const e of plan.events) if (Date.parse(e.at) <= now && !fired.includes(deadlineEventId(e))) fired.push(deadlineEventId(e));
}

/**
 * Sleeps in workflow time until the next pending event of the plan comes due and returns it (marked handled),
 * or returns undefined as soon as `interrupted()` holds; with nothing pending it just waits for the interruption.
 */
export async function nextDeadlineEvent(plan: DeadlinePlan | undefined, fired: string[], interrupted: () => boolean): Promise<DeadlineEvent | undefined> {
  const next = pendingDeadlineEvents(plan, fired)[0];
  if (!next) {
    await condition(interrupted);
    return undefined;
  }
  if (await condition(interrupted, Math.max(1, Date.parse(next.at) - Date.now()))) return undefined;
  fired.push(deadlineEventId(next));
  return next;
}

/** Milliseconds of workflow time until an instant (at least 1, as timers need it). */
export const millisUntil = (instant: string) => Math.max(1, Date.parse(instant) - Date.now());

export const nowIso = () => new Date(Date.now()).toISOString();
