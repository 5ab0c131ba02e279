/**
 * Shapes of the API's answers the UI reads. The request side comes from the generated `schema.d.ts`;
 * the API does not yet document its response bodies, so these mirror its views (apps/api/src/modules/<area>).
 */
export type Role = 'admin' | 'coordinator' | 'leader' | 'owner';
export type Status = 'green' | 'yellow' | 'red' | 'done' | 'closed';
export type Kind = 'school_construction' | 'teacher_rotation' | 'training_quota' | 'indicator' | 'generic';
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
/** An account as a coordinator sees it when choosing one (GET /api/units/{id}/accounts). */
export interface Account {
  id: string;
  displayName: string;
  role: Role;
  unitId: string;
  unitName: string;
  isUnitHead: boolean;
}
export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  email: string | null;
  isUnitHead: boolean;
}
export interface Reason {
  code: string;
  message: string;
  params?: Record<string, unknown>;
  milestoneId?: string;
}
export interface Milestone {
  id: string;
  name: string;
  order: number;
  dueAt: string;
  weight: number;
  state: string;
  overdue: boolean;
  status: Status;
  statusReasons: Reason[] | null;
  escalationLevel: number;
  acceptedAt: string | null;
  nextEvent: { kind?: string; at?: string; level?: number } | null;
}
export interface Project {
  id: string;
  planId: string;
  kind: Kind;
  name: string;
  leadUnitId: string;
  leadUnitName?: string;
  ownerUserId: string;
  /** The owner account's name and unit (the project's own page only). */
  ownerName?: string | null;
  ownerUnitName?: string | null;
  responsibleHead: string | null;
  startDate: string;
  dueDate: string;
  targets: Record<string, unknown> | null;
  policy: Record<string, unknown> | null;
  status: Status;
  statusReasons: Reason[] | null;
  metrics: Record<string, unknown> | null;
  nextDeadline: string | null;
  escalationLevel: number;
  workflowId: string;
  version: number;
  closedAt: string | null;
  createdAt: string;
  milestones?: Milestone[];
  /** Count targets of a generic project (figure key, its name and unit, the target). */
  quantities?: Array<{ figure: string; name?: string; unit?: string; target?: number }>;
}
export interface Plan {
  id: string;
  name: string;
  year: number;
  ownerUnitId: string | null;
  timeZone: string;
  policy: Record<string, unknown>;
  portfolioTargets: unknown[];
  coordinatorIds: string[];
  createdAt: string;
  portfolio?: PortfolioTarget[];
}
export interface PortfolioTarget {
  id: string;
  planId?: string;
  planName?: string;
  name: string;
  kind: Kind;
  count?: number;
  stage?: string;
  byDate: string;
  sumOf?: { field: string; target: number };
  target: number;
  achieved: number;
  expected: number;
  status?: Status;
  reasons?: Reason[];
}
export interface Dashboard {
  planId: string | null;
  byStatus: Record<Status, number>;
  total: number;
  ranking: Array<{ unitId: string; unitName: string; projects: number; red: number; yellow: number; onTrack: number; onTrackRate: number }>;
  overdue: Array<{ projectId: string; projectName: string; milestoneId: string; milestoneName: string; dueAt: string; escalationLevel: number; unitName: string }>;
  portfolio: PortfolioTarget[];
}
export interface Report {
  id: string;
  projectId: string;
  milestoneId: string | null;
  figures: Record<string, unknown> | null;
  narrative: string;
  evidence: string[];
  state: string;
  submittedBy: string;
  submittedAt: string;
  reviewComment?: string | null;
  reviewedAt?: string | null;
  [k: string]: unknown;
}
export interface ExtensionRequest {
  id: string;
  projectId: string;
  milestoneId: string;
  newDueAt: string;
  reason: string;
  state: string;
  requestedAt?: string;
  decisionComment?: string | null;
  [k: string]: unknown;
}
export interface ProjectEvent {
  seq: number;
  type: string;
  actor: string | null;
  /** The acting account's display name; null for the system or a removed account. */
  actorName?: string | null;
  at: string;
  data: Record<string, unknown> | null;
}
export interface Notice {
  id: string;
  kind: string;
  level: number | null;
  title: string;
  body: string;
  projectId: string | null;
  createdAt: string;
  readAt: string | null;
}
export interface Inbox extends Page<Notice> {
  unread: number;
}
export interface Unit {
  id: string;
  code: string;
  name: string;
  type: string;
  parentId: string | null;
  path: string;
}
export interface CalendarYear {
  year: number;
  holidays: string[];
  workdays: string[];
  source: string;
  updatedAt: string;
}
export interface Circular {
  id: string;
  planId: string;
  year: number;
  number: number;
  title: string;
  issuedAt: string;
  issuedBy: string | null;
  roundId: string | null;
  [k: string]: unknown;
}
export interface RoundProject {
  projectId: string;
  projectName: string;
  unitName: string;
  ownerName?: string;
}
export interface DispatchRound {
  id: string;
  planId: string;
  state: string;
  trigger?: string;
  openedAt?: string | null;
  closesAt?: string | null;
  closedAt?: string | null;
  reported?: RoundProject[];
  missing?: RoundProject[];
  circularId?: string | null;
  circularNumber?: number | null;
  [k: string]: unknown;
}
export interface Rectification {
  id: string;
  planId: string;
  unitId: string;
  projectId: string | null;
  title: string;
  description: string;
  unitName?: string;
  dueAt: string;
  state: string;
  source: string;
  overdue?: boolean;
  escalationLevel?: number;
  [k: string]: unknown;
}
/** One problem of an imported row: the column at fault (`lead`, `due`, …), its header as the file writes it, the message in Chinese. */
export interface ImportIssue {
  code: string;
  column: ImportColumn;
  header: string;
  params: Record<string, string | number>;
  message: string;
}
export type ImportColumn = 'seq' | 'task' | 'target' | 'lead' | 'co' | 'owner' | 'due';
/** A row of the task table as the project it would become (POST /api/plans/{id}/imports). */
export interface ImportRow {
  line: number;
  seq?: string;
  key: string;
  name: string;
  target?: string;
  kind: Kind;
  leadUnitId?: string;
  leadUnitName?: string;
  ownerUserId?: string;
  coUnitNames: string[];
  responsibleHead?: string;
  dueText: string;
  dueDate?: string;
  milestones?: Array<{ id: string; name: string; dueDate: string }>;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  existingProjectId?: string;
  outcome?: 'created' | 'existing' | 'invalid' | 'failed';
  projectId?: string;
  failure?: { code?: string; params?: Record<string, unknown>; message?: string };
}
export interface ImportView {
  id: string;
  planId: string;
  fileName: string;
  format: string;
  sheet?: string;
  headers: Partial<Record<ImportColumn, string>>;
  status: 'preview' | 'confirming' | 'done';
  createdAt: string;
  confirmedAt?: string;
  finishedAt?: string;
  summary: { rows: number; valid: number; withErrors: number; withWarnings: number; existing: number };
  progress: { total: number; done: number; created: number; existing: number; failed: number; invalid: number };
  rows: ImportRow[];
}
