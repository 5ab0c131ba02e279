import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DeadlinePolicy } from '../../libs/domain/src/deadline';

export type RectificationState = 'raised' | 'answered' | 'returned' | 'signed_off';
export type RectificationSource = 'dispatch' | 'inspection' | 'circular' | 'other';
export const RECTIFICATION_SOURCES: readonly RectificationSource[] = ['dispatch', 'inspection', 'circular', 'other'];

/** What the API hands the workflow when a coordinator raises an item (整改事项) against a unit. */
export interface RectificationSpec {
  rectificationId: string;
  planId: string;
  unitId: string;
  projectId?: string;
  title: string;
  description: string;
  /** ISO instant. */
  dueAt: string;
  source: RectificationSource;
  /** The round, circular or inspection it came from. */
  sourceRef?: string;
  raisedBy: string;
  /** The plan's (or the project's) deadline policy: reminders and escalations as for milestones. */
  policy: DeadlinePolicy;
}

/** One step in the item's life, shown to everyone who can see it. */
export interface RectificationEntry {
  seq: number;
  type: 'raised' | 'answered' | 'returned' | 'signed_off' | 'reminder' | 'overdue' | 'escalation';
  actor: string;
  at: string;
  narrative?: string;
  evidence?: string[];
  comment?: string;
  level?: number;
}

export interface RectificationSnapshot {
  spec: RectificationSpec;
  state: RectificationState;
  overdue: boolean;
  escalationLevel: number;
  nextEvent?: { kind: string; at: string; level?: number };
  raisedAt: string;
  signedOffAt?: string;
  signedOffBy?: string;
  history: RectificationEntry[];
  version: number;
}

interface Action {
  requestId: string;
  actorId: string;
}
export interface AnswerRectificationInput extends Action {
  narrative: string;
  evidence: string[];
}
export interface VerifyRectificationInput extends Action {
  decision: 'signoff' | 'return';
  comment?: string;
}

export interface RectificationWorkflowInput {
  spec: RectificationSpec;
  /** Present when the workflow continues as new. */
  carried?: unknown;
}

export const answerRectificationUpdate = defineUpdate<RectificationSnapshot, [AnswerRectificationInput]>('answerRectification');
export const verifyRectificationUpdate = defineUpdate<RectificationSnapshot, [VerifyRectificationInput]>('verifyRectification');
/** Answers once the item is planned and in the read model. */
export const rectificationSyncUpdate = defineUpdate<RectificationSnapshot, []>('sync');
export const rectificationSnapshotQuery = defineQuery<RectificationSnapshot>('snapshot');

export const rectificationWorkflowId = (id: string) => `rectification-${id}`;
