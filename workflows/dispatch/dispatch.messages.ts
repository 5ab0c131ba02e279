import { defineUpdate } from '@temporalio/workflow';
import type { IssueCircularInput } from '../../activities/circulars/circulars.activities.interface';

export interface DispatchRoundInput {
  planId: string;
  /** ISO 8601 duration of the reporting window (seconds allowed, for demos and tests). */
  reportingWindow: string;
  trigger: 'schedule' | 'manual';
  /** Given when a coordinator starts a round at once; a scheduled round makes its own. */
  roundId?: string;
  startedBy?: string;
}

export type CircularWorkflowInput = Omit<IssueCircularInput, 'issuedAt'>;

/** Answers with the round id once the round is recorded: a read-your-writes barrier for the API. */
export const roundOpenedUpdate = defineUpdate<string, []>('roundOpened');

/** One schedule per plan; its runs start dispatch rounds. */
export const dispatchScheduleId = (planId: string) => `dispatch-${planId}`;
/** A round started at once; scheduled rounds get the schedule's id plus the scheduled time. */
export const dispatchRoundWorkflowId = (roundId: string) => `dispatch-round-${roundId}`;
/** The id the plan's schedule starts its rounds under (Temporal appends the scheduled time to it). */
export const scheduledRoundWorkflowId = (planId: string) => `dispatch-round-plan-${planId}`;
export const circularWorkflowId = (issueKey: string) => `circular-${issueKey.replace(/:/g, '-')}`;
