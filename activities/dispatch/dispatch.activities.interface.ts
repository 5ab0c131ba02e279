import type { DeadlinePolicy } from '../../libs/domain/src/deadline';

export interface OpenRoundInput {
  roundId: string;
  planId: string;
  workflowId: string;
  trigger: 'schedule' | 'manual';
  startedBy?: string;
  /** ISO 8601 duration, counted on the plan's calendar from openedAt. */
  reportingWindow: string;
  openedAt: string;
}

export interface RoundProject {
  projectId: string;
  name: string;
  ownerUserId: string;
  unitId: string;
}

export interface OpenedRound {
  roundId: string;
  planId: string;
  planName: string;
  policy: DeadlinePolicy;
  openedAt: string;
  closesAt: string;
  /** The plan's open projects when the round opened: the round asks each of them for a report. */
  projects: RoundProject[];
}

export interface RoundSummary {
  roundId: string;
  closedAt: string;
  reported: RoundProject[];
  missing: RoundProject[];
}

/** What the dispatch-round workflow proxies (besides planDeadlines and notifyUsers, shared with other workflows). */
export interface DispatchActivities {
  /** Records the round and its projects; a retry returns the same round. */
  openRound(input: OpenRoundInput): Promise<OpenedRound>;
  /** The round's projects with no report submitted since the round opened. */
  unreportedProjects(roundId: string): Promise<RoundProject[]>;
  /** Counts one reminder (identified by its instant) for each project; a retry counts nothing twice. */
  recordReminders(input: { roundId: string; projectIds: string[]; at: string }): Promise<void>;
  /** Records who reported in the window, who did not, and every project's status; closes the round once. */
  closeRound(input: { roundId: string; closedAt: string }): Promise<RoundSummary>;
}
