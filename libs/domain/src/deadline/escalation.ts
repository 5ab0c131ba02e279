import type { DeadlineEvent } from './plan';

/**
 * Where an escalation level is decided. The deadline plan (`planDeadline` in ./plan.ts) turns the policy's
 * `escalations` steps (level 1 after P1D to the unit head, level 2 after P3D to the office, …) into instants; when
 * such an event comes due — or is found already past when a workflow catches up — the item it concerns is raised to
 * the event's level here. Levels never go down while the deadline stands (a new deadline starts again from 0).
 */
export function escalate(item: { escalationLevel: number }, event: DeadlineEvent): number {
  const level = event.level ?? 1;
  item.escalationLevel = Math.max(item.escalationLevel, level);
  return level;
}
