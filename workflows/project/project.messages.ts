import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ExtensionView, MilestoneSpec, PlanDeadlinesInput, PlanDeadlinesResult, ProjectionInput, ProjectSnapshot, ProjectSpec, ReportView } from '../../libs/contracts/src/project';

/** Every action carries the caller's idempotency key: the same key twice returns the first answer. */
interface Action {
  requestId: string;
  actorId: string;
}

export interface SubmitReportInput extends Action {
  milestoneId?: string;
  /** The day the milestone was really reached (YYYY-MM-DD in the plan's zone), when it was not the day of submission. */
  reachedOn?: string;
  figures: Record<string, unknown>;
  narrative: string;
  evidence: string[];
}
export interface ReviewReportInput extends Action {
  reportId: string;
  decision: 'accept' | 'return';
  comment?: string;
}
export interface RequestExtensionInput extends Action {
  milestoneId: string;
  newDueAt: string;
  reason: string;
}
export interface DecideExtensionInput extends Action {
  extensionId: string;
  decision: 'approve' | 'refuse';
  comment?: string;
}
export interface AmendMilestonesInput extends Action {
  /** Milestones to add or change (by id); due dates of accepted milestones cannot move. */
  milestones: MilestoneSpec[];
}
export interface CloseProjectInput extends Action {
  reason: string;
}

export interface ReportResult {
  report: ReportView;
  project: ProjectSnapshot;
  /** The read model of the change, when the workflow answered before writing it: the caller writes it first. */
  projection?: ProjectionInput;
}
export interface ExtensionResult {
  extension: ExtensionView;
  project: ProjectSnapshot;
  /** As in ReportResult. */
  projection?: ProjectionInput;
}

export const submitReportUpdate = defineUpdate<ReportResult, [SubmitReportInput]>('submitReport');
export const reviewReportUpdate = defineUpdate<ReportResult, [ReviewReportInput]>('reviewReport');
export const requestExtensionUpdate = defineUpdate<ExtensionResult, [RequestExtensionInput]>('requestExtension');
export const decideExtensionUpdate = defineUpdate<ExtensionResult, [DecideExtensionInput]>('decideExtension');
export const amendMilestonesUpdate = defineUpdate<ProjectSnapshot, [AmendMilestonesInput]>('amendMilestones');
export const closeProjectUpdate = defineUpdate<ProjectSnapshot, [CloseProjectInput]>('closeProject');
/** The working-day calendar changed: re-plan every pending reminder and escalation. */
export const calendarChangedSignal = defineSignal<[]>('calendarChanged');
/** Answers once the workflow has planned its deadlines and written the read model: a read-your-writes barrier. */
/** The project as it stands once planned; with its first projection while the workflow is still writing it (see ReportResult). */
export type SyncResult = ProjectSnapshot & { projection?: ProjectionInput };
export const syncUpdate = defineUpdate<SyncResult, []>('sync');
export const snapshotQuery = defineQuery<ProjectSnapshot>('snapshot');

/** Error types the workflow rejects updates with; the API maps them to HTTP statuses. */
export const FAILURE_TYPES = {
  validation: 'ValidationError',
  notFound: 'NotFound',
  conflict: 'Conflict',
} as const;

export interface ProjectWorkflowInput {
  spec: ProjectSpec;
  /** Present when the workflow continues as new: the state it carries over. */
  carried?: unknown;
  /**
   * The first deadline plan, computed by the creating caller on the same calendar: the workflow takes it instead of
   * asking the activity when it answers exactly the request the workflow would make.
   */
  plans?: { input: PlanDeadlinesInput; result: PlanDeadlinesResult };
}
