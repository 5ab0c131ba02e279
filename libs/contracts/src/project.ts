import type { DeadlinePlan, DeadlinePolicy } from '../../domain/src/deadline';
import type { StatusColor, StatusReason } from '../../domain/src/status';
import type { QuantityTarget } from '../../domain/src/targets/quantity';

export type MilestoneState = 'pending' | 'submitted' | 'accepted' | 'returned';
export type ReportState = 'submitted' | 'accepted' | 'returned';
export type ExtensionState = 'pending' | 'approved' | 'refused';

export interface MilestoneSpec {
  id: string;
  name: string;
  /** ISO instant with offset. */
  dueAt: string;
  weight: number;
  order: number;
  /**
   * A stage already reached when the project was brought in under way: the day it happened (plan's zone). The
   * milestone starts accepted on that day, with no reminders; its `dueAt` is the end of that day.
   */
  reachedOn?: string;
}

/** What the API hands the workflow when a project is created. */
export interface ProjectSpec {
  projectId: string;
  planId: string;
  kind: string;
  name: string;
  leadUnitId: string;
  ownerUserId: string;
  responsibleHead?: string;
  startDate: string;
  dueDate: string;
  targets: Record<string, unknown>;
  /** Quantity targets with their units ("20所", "1–2所"): judged in the project's colour on the reported running totals. */
  quantities?: QuantityTarget[];
  /** The plan's policy merged with the project's override. */
  policy: DeadlinePolicy;
  milestones: MilestoneSpec[];
  createdBy: string;
  /** History length at which the workflow continues as new (default 3,500 events, 10,000 for runs started before that; tests set it low). */
  historyLimit?: number;
}

export interface MilestoneView extends MilestoneSpec {
  state: MilestoneState;
  overdue: boolean;
  status: StatusColor;
  reasons: StatusReason[];
  escalationLevel: number;
  acceptedAt?: string;
  /** Accepted after its deadline: by how long, and by how many calendar days in the policy's zone (working days are counted by the read model). */
  acceptedLate?: MilestoneLateness;
  /** The day the milestone was really reached (plan's zone), as its accepted report states; not the day of acceptance. */
  reachedOn?: string;
  /** Next reminder/escalation still to fire, if any. */
  nextEvent?: { kind: string; at: string; level?: number };
}

export interface MilestoneLateness {
  millis: number;
  /** Calendar days from the deadline's date to the acceptance date, in the policy's time zone (0: the same day). */
  days: number;
}

export interface ReportView {
  id: string;
  milestoneId?: string;
  submittedBy: string;
  submittedAt: string;
  figures: Record<string, unknown>;
  narrative: string;
  evidence: string[];
  state: ReportState;
  /** The day the report says its milestone was reached (plan's zone); absent: the day it was submitted. */
  reachedOn?: string;
  reviewedBy?: string;
  reviewedAt?: string;
  reviewComment?: string;
}

export interface ExtensionView {
  id: string;
  milestoneId: string;
  requestedBy: string;
  requestedAt: string;
  newDueAt: string;
  reason: string;
  state: ExtensionState;
  decidedBy?: string;
  decidedAt?: string;
  decisionComment?: string;
}

export interface AuditEvent {
  seq: number;
  type: string;
  /** A user id, or 'system'. */
  actor: string;
  at: string;
  data: Record<string, unknown>;
}

export interface ProjectSnapshot {
  spec: ProjectSpec;
  version: number;
  status: StatusColor;
  reasons: StatusReason[];
  escalationLevel: number;
  nextDeadline?: string;
  closedAt?: string;
  milestones: MilestoneView[];
  /** Latest accepted figures, merged over time. */
  figures: Record<string, unknown>;
  metrics: Record<string, unknown>;
}

/** A read-model write: the whole project row plus what changed since the last write. */
export interface ProjectionInput {
  snapshot: ProjectSnapshot;
  reports: ReportView[];
  extensions: ExtensionView[];
  events: AuditEvent[];
}

/** What a notice says and to whom, for a project or a rectification item. */
export interface NoticeText<K extends string = string> {
  /** Deterministic key of the event; with recipient and channel it makes a notification unique. */
  eventKey: string;
  /** owner: the unit's owner accounts; unitHead: its head; office: the plan's coordinators; leader: the leaders. */
  audience: Array<'owner' | 'unitHead' | 'office' | 'leader'>;
  kind: K;
  level?: number;
  /** English prose kept for readers of old rows; what the notice says is `code` (catalogue `<code>.title`/`.body`) with `params`. */
  title: string;
  body: string;
  data?: Record<string, unknown>;
  code?: string;
  params?: Record<string, string | number | boolean | null>;
}

export interface NotifyInput extends NoticeText<'reminder' | 'overdue' | 'escalation' | 'review' | 'extension' | 'closed'> {
  projectId: string;
  planId: string;
  leadUnitId: string;
  ownerUserId: string;
}

/** A change's writes in one activity: the read model, then (if any) the notice it gives, never the other way round. */
export interface RecordChangeInput {
  projection: ProjectionInput;
  notice?: NotifyInput;
  /**
   * A deadline notice's milestone: the notice is moot if, once the projection is written, the read model shows this
   * milestone accepted or the project closed (a change answered meanwhile; its caller wrote it before answering).
   */
  mootIfSettled?: string;
}

export interface PlanDeadlinesInput {
  policy: DeadlinePolicy;
  milestones: Array<{ id: string; dueAt: string }>;
  /** Repeats of the top escalation level to plan. */
  repeatCount?: number;
}
export type PlanDeadlinesResult = Record<string, DeadlinePlan>;
