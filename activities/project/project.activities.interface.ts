import type { NotifyInput, PlanDeadlinesInput, PlanDeadlinesResult, ProjectionInput, RecordChangeInput } from '../../libs/contracts/src/project';

/** What the project workflow proxies: all of its I/O. */
export interface ProjectActivities {
  /** Reminder and escalation instants of each milestone, on the working-day calendar the product keeps. */
  planDeadlines(input: PlanDeadlinesInput): Promise<PlanDeadlinesResult>;
  /** Writes the read model; never moves a project backwards (guarded by snapshot.version). */
  projectProject(input: ProjectionInput): Promise<void>;
  /** Writes in-app notifications to the audience, once per (event, recipient, channel). Returns how many were new. */
  notify(input: NotifyInput): Promise<number>;
  /** projectProject, then notify: one activity where the workflow would otherwise wait for two in turn. */
  recordChange(input: RecordChangeInput): Promise<void>;
}
