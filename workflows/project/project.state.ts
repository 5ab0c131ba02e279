import { DateTime } from 'luxon';
import type {
  AuditEvent,
  ExtensionView,
  MilestoneLateness,
  MilestoneSpec,
  MilestoneState,
  MilestoneView,
  PlanDeadlinesInput,
  PlanDeadlinesResult,
  ProjectionInput,
  ProjectSnapshot,
  ProjectSpec,
  ReportView,
} from '../../libs/contracts/src/project';
import { escalate } from '../../libs/domain/src/deadline/escalation';
import type { DeadlineEvent, DeadlinePlan } from '../../libs/domain/src/deadline';
import { evaluateKind, isProjectKind, KindEvaluation, nextRuleCheck } from '../../libs/domain/src/kinds';
import { milestoneStatus, projectStatus } from '../../libs/domain/src/milestone-status';
import type { StatusReason, StatusResult } from '../../libs/domain/src/status';
import { evaluateQuantities, nextQuantityCheck, reportedQuantities } from '../../libs/domain/src/targets/quantity';
import { deadlineEventId, pendingDeadlineEvents } from '../shared/deadline-events';
import { fail, FAILURE_TYPES } from '../shared/failure';
import { RequestMemory, REPEATS_PER_PLAN } from '../shared/requests';
import type {
  AmendMilestonesInput,
  CloseProjectInput,
  DecideExtensionInput,
  RequestExtensionInput,
  ReviewReportInput,
  SubmitReportInput,
} from './project.messages';
import {
  closedNotice,
  escalationNotice,
  extensionDecidedNotice,
  extensionRequestedNotice,
  Notice,
  overdueNotice,
  reminderNotice,
  reviewNotice,
} from './project.notices';

/**
 * The state of one project and its rules, with no I/O and no awaits: every method is synchronous, so a handler's state
 * changes are complete before the workflow awaits anything (the rule for handlers, see docs/decisions.md). Methods that
 * need I/O afterwards return it as an `Effects` value; the workflow carries it out. Unit-tested without a server.
 */

/** Idempotency keys remembered (the API also keeps its own record). */
export const REMEMBERED_REQUESTS = 1000;
/** Final reports and decided extensions carried over a continue-as-new (all of them stay in PostgreSQL). */
export const CARRIED_FINAL_ITEMS = 50;
/** Accepted figures kept for the kind's rules (older ones are superseded by later reports of the same figures). */
export const CARRIED_ACCEPTED_FIGURES = 500;

export interface MilestoneRuntime extends MilestoneSpec {
  state: MilestoneState;
  acceptedAt?: string;
  /** Set when accepted after the deadline. */
  acceptedLate?: MilestoneLateness;
  overdue: boolean;
  escalationLevel: number;
  plan?: DeadlinePlan;
  /** Identities (kind:offset:level:repeat) of plan events already handled for the current deadline. */
  fired: string[];
  /** Bumped whenever the deadline moves, so notifications of a new deadline get new keys. */
  generation: number;
}

export type Processed = { kind: 'report'; id: string } | { kind: 'extension'; id: string } | { kind: 'project' };

/** The state carried over a continue-as-new (its shape is part of recorded histories: add fields, never rename). */
export interface ProjectData {
  spec: ProjectSpec;
  milestones: MilestoneRuntime[];
  reports: ReportView[];
  extensions: ExtensionView[];
  figures: Record<string, unknown>;
  /** Every accepted report's figures with their date: the kind's rules read these, not the carried reports. */
  acceptedFigures?: Array<{ at: string; figures: Record<string, unknown> }>;
  version: number;
  eventSeq: number;
  closedAt?: string;
  closeReason?: string;
  processed: Array<[string, Processed]>;
  /** Audit events not yet written to the read model. */
  unprojectedEvents: AuditEvent[];
  dirtyReports: string[];
  dirtyExtensions: string[];
  replanAll: boolean;
}

/** Deadline plans to (re)compute, in order, one activity call each. */
export interface ReplanRequest {
  milestones: MilestoneRuntime[];
  skipPast: boolean;
}

/** The I/O a state change asks for: plans first, then the read model, then the notice. */
export interface Effects {
  replans?: ReplanRequest[];
  notice?: Notice;
}

/** A new milestone; one brought in as already reached (a project under way) starts accepted on its day, with nothing to remind. */
const newMilestone = (spec: MilestoneSpec): MilestoneRuntime => ({
  ...spec,
  state: spec.reachedOn ? 'accepted' : 'pending',
  ...(spec.reachedOn && { acceptedAt: spec.dueAt }),
  overdue: false,
  escalationLevel: 0,
  fired: [],
  generation: 0,
});

export class ProjectState {
  /** The colour last derived; refreshed after every change. */
  status: StatusResult = { status: 'green', reasons: [] };
  /** Set by every change: the main loop wakes up, re-plans its timer and writes the read model. */
  wake = false;
  private readonly requests: RequestMemory<Processed>;

  constructor(
    readonly s: ProjectData,
    readonly workflowId: string,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.requests = new RequestMemory(s.processed, REMEMBERED_REQUESTS);
  }

  static initial(spec: ProjectSpec): ProjectData {
    return {
      spec,
      milestones: spec.milestones.map(newMilestone),
      reports: [],
      extensions: [],
      figures: {},
      acceptedFigures: [],
      version: 0,
      eventSeq: 0,
      processed: [],
      unprojectedEvents: [],
      dirtyReports: [],
      dirtyExtensions: [],
      replanAll: true,
    };
  }

  private nowIso = () => new Date(this.now()).toISOString();
  /** The calendar day of an instant in the plan's zone. */
  dayOf(iso: string): string {
    return DateTime.fromISO(iso, { zone: this.s.spec.policy.timeZone }).toISODate()!;
  }
  today(): string {
    return this.dayOf(this.nowIso());
  }

  // ---- lookups ------------------------------------------------------------------------------
  get spec(): ProjectSpec {
    return this.s.spec;
  }
  get closed(): boolean {
    return !!this.s.closedAt;
  }
  seen(requestId: string): Processed | undefined {
    return this.requests.seen(requestId);
  }
  milestone(id: string | undefined, field: string): MilestoneRuntime {
    const m = this.s.milestones.find((x) => x.id === id);
    if (!m) fail(FAILURE_TYPES.notFound, `No milestone "${id}" in this project`, field, { code: 'field.no-milestone', params: { id } });
    return m;
  }
  report(id: string): ReportView | undefined {
    return this.s.reports.find((r) => r.id === id);
  }
  extension(id: string): ExtensionView | undefined {
    return this.s.extensions.find((x) => x.id === id);
  }
  acceptedMilestoneIds(): string[] {
    return this.s.milestones.filter((m) => m.state === 'accepted').map((m) => m.id);
  }
  pendingEvents(m: MilestoneRuntime): DeadlineEvent[] {
    return m.state === 'accepted' ? [] : pendingDeadlineEvents(m.plan, m.fired);
  }
  /** The earliest plan event still to handle, over every milestone. */
  nextDue(): { m: MilestoneRuntime; e: DeadlineEvent } | undefined {
    let best: { m: MilestoneRuntime; e: DeadlineEvent } | undefined;
    for (const m of this.s.milestones) {
      const e = this.pendingEvents(m)[0];
      if (e && (!best || Date.parse(e.at) < Date.parse(best.e.at))) best = { m, e };
    }
    return best;
  }
  /** When a kind rule whose colour changes with the date alone (check dates, training pace) next needs a look. */
  nextRuleCheck(): number | undefined {
    const checks: Array<() => number | undefined> = [
      () => (isProjectKind(this.s.spec.kind) ? nextRuleCheck(this.s.spec.kind, this.s.spec.targets, this.now(), this.s.spec.policy.timeZone) : undefined),
      () => (this.s.spec.quantities?.length ? nextQuantityCheck(this.s.spec.quantities, this.now(), this.quantityOptions()) : undefined),
    ];
    const next = checks.map((check) => {
      try {
        return check();
      } catch {
        return undefined;
      }
    }).filter((t): t is number => t !== undefined);
    return next.length ? Math.min(...next) : undefined;
  }

  // ---- bookkeeping --------------------------------------------------------------------------
  record(type: string, actor: string, data: Record<string, unknown> = {}): void {
    this.s.eventSeq += 1;
    this.s.unprojectedEvents.push({ seq: this.s.eventSeq, type, actor, at: this.nowIso(), data });
  }
  /** A new version of the project: the read model takes it, the main loop wakes. */
  touch(): void {
    this.s.version += 1;
    this.wake = true;
  }
  private remember(requestId: string, result: Processed): void {
    this.requests.remember(requestId, result);
  }
  /** Re-derives the colour; a change is an audit event (from the second version on). */
  refreshStatus(): boolean {
    const before = this.status;
    this.status = this.evaluate();
    const changed = before.status !== this.status.status || JSON.stringify(before.reasons) !== JSON.stringify(this.status.reasons);
    if (changed && this.s.version > 0) {
      this.record('status.changed', 'system', { from: before.status, to: this.status.status, reasons: this.status.reasons as StatusReason[] });
    }
    return changed;
  }
  get hasUnprojected(): boolean {
    return this.s.unprojectedEvents.length > 0 || this.s.dirtyReports.length > 0 || this.s.dirtyExtensions.length > 0;
  }
  /** What the read model needs now, and how to forget it once written (writes are versioned upserts, safe to overlap). */
  projection(): { input: ProjectionInput; written: () => void } {
    const events = [...this.s.unprojectedEvents];
    const reportIds = [...this.s.dirtyReports];
    const extensionIds = [...this.s.dirtyExtensions];
    const input: ProjectionInput = {
      snapshot: this.snapshot(),
      reports: this.s.reports.filter((r) => reportIds.includes(r.id)),
      extensions: this.s.extensions.filter((x) => extensionIds.includes(x.id)),
      events,
    };
    // A report or extension changed again while this was being written (a review of a report whose submission is
    // still being written) stays to be written: only what was written as it now stands is forgotten.
    const sent = new Map([...input.reports, ...input.extensions].map((x) => [x.id, JSON.stringify(x)]));
    const unchanged = (x: { id: string } | undefined) => x !== undefined && sent.get(x.id) === JSON.stringify(x);
    const written = () => {
      this.s.unprojectedEvents = this.s.unprojectedEvents.filter((e) => !events.some((w) => w.seq === e.seq));
      this.s.dirtyReports = this.s.dirtyReports.filter((id) => !(reportIds.includes(id) && unchanged(this.s.reports.find((r) => r.id === id))));
      this.s.dirtyExtensions = this.s.dirtyExtensions.filter((id) => !(extensionIds.includes(id) && unchanged(this.s.extensions.find((x) => x.id === id))));
    };
    return { input, written };
  }

  // ---- the main loop's steps ----------------------------------------------------------------
  created(): void {
    this.record('project.created', this.s.spec.createdBy, { kind: this.s.spec.kind, milestones: this.s.spec.milestones.map((m) => ({ id: m.id, dueAt: m.dueAt })) });
    this.touch();
  }
  /** The working-day calendar changed: every open milestone is planned again. */
  calendarChanged(): void {
    this.s.replanAll = true;
    this.wake = true;
  }
  /** Whether every milestone needs planning now (at the start, or after a calendar change). */
  takeReplanAll(): { first: boolean } | undefined {
    if (!this.s.replanAll) return undefined;
    this.s.replanAll = false;
    return { first: this.s.version <= 1 };
  }
  replanned(pass: { first: boolean }): void {
    if (!pass.first) this.record('calendar.replanned', 'system', {});
    this.touch();
  }
  /** The loop has written everything and waits for the next event. */
  sleeping(): void {
    this.wake = false;
  }
  /**
   * A rule check came due: the loop re-evaluates and writes the read model. A colour that changed with the date alone
   * is a new version, or the read model (which takes only newer versions) would keep the old colour.
   */
  ruleCheckDue(): void {
    this.wake = true;
    if (this.refreshStatus()) this.touch();
  }

  // ---- status and views ---------------------------------------------------------------------
  private warningAt = (m: MilestoneRuntime) => m.plan?.events.find((e) => e.kind === 'warning')?.at;
  private milestoneVerdict(m: MilestoneRuntime, now: number): StatusResult {
    return milestoneStatus({ id: m.id, name: m.name, dueAt: m.dueAt, state: m.state, warningAt: this.warningAt(m) }, now);
  }
  evaluate(): StatusResult {
    const now = this.now();
    const perMilestone = this.s.milestones.map((m) => this.milestoneVerdict(m, now));
    return projectStatus({ closed: this.closed, milestones: perMilestone, rules: [this.kindVerdict(), this.quantityVerdict()] });
  }
  private quantityOptions() {
    const { spec } = this.s;
    return { start: spec.startDate, end: spec.dueDate, zone: spec.policy.timeZone, tolerance: spec.policy.tolerance };
  }
  /** The quantity targets ("15/20所，按进度应完成18所") on the latest accepted running totals. */
  quantityVerdict(): StatusResult {
    const quantities = this.s.spec.quantities ?? [];
    if (quantities.length === 0) return { status: 'green', reasons: [] };
    try {
      const { status, reasons } = evaluateQuantities(quantities, reportedQuantities(this.s.figures), this.nowIso(), this.quantityOptions());
      return { status, reasons };
    } catch {
      return { status: 'green', reasons: [] };
    }
  }
  /** The kind's own rules (quotas, thresholds, investment pace) over the accepted figures. */
  kindVerdict(): KindEvaluation {
    const s = this.s;
    if (!isProjectKind(s.spec.kind)) return { status: 'green', reasons: [] };
    try {
      return evaluateKind(
        s.spec.kind,
        s.spec.targets,
        s.acceptedFigures ?? s.reports.filter((r) => r.state === 'accepted').map((r) => ({ at: r.reviewedAt ?? r.submittedAt, figures: r.figures })),
        this.nowIso(),
        {
          milestones: s.milestones.map((m) => ({ id: m.id, name: m.name, dueDate: m.dueAt.slice(0, 10), weight: m.weight })),
          acceptedStages: this.acceptedMilestoneIds(),
          tolerance: s.spec.policy.tolerance,
          zone: s.spec.policy.timeZone,
          // Each stage's deadline is a milestone judged on the deadline policy; the rule judges seats and money.
          judgeStageDeadlines: false,
        },
      );
    } catch (err) {
      return { status: 'yellow', reasons: [{ code: 'rules.unevaluable', params: { error: (err as Error).message } }] };
    }
  }
  private kindMetrics(): Record<string, unknown> {
    const { status: _status, reasons: _reasons, ...extras } = this.kindVerdict() as KindEvaluation & Record<string, unknown>;
    return extras;
  }
  views(): MilestoneView[] {
    const now = this.now();
    return this.s.milestones.map((m) => {
      const verdict = this.milestoneVerdict(m, now);
      const next = this.pendingEvents(m)[0];
      return {
        id: m.id, name: m.name, dueAt: m.dueAt, weight: m.weight, order: m.order,
        state: m.state, overdue: m.overdue, status: this.closed ? 'closed' : verdict.status, reasons: verdict.reasons,
        escalationLevel: m.escalationLevel, acceptedAt: m.acceptedAt, acceptedLate: m.acceptedLate, reachedOn: m.reachedOn,
        nextEvent: next && !this.closed ? { kind: next.kind, at: next.at, level: next.level } : undefined,
      };
    });
  }
  snapshot(): ProjectSnapshot {
    const s = this.s;
    const ms = this.views();
    const open = ms.filter((m) => m.state !== 'accepted');
    const upcoming = s.closedAt ? [] : open.map((m) => m.dueAt).sort((a, b) => Date.parse(a) - Date.parse(b));
    const accepted = ms.filter((m) => m.state === 'accepted');
    const totalWeight = ms.reduce((a, m) => a + m.weight, 0);
    return {
      spec: s.spec,
      version: s.version,
      status: this.status.status,
      reasons: this.status.reasons,
      escalationLevel: s.closedAt ? 0 : Math.max(0, ...open.map((m) => m.escalationLevel)),
      nextDeadline: upcoming[0],
      closedAt: s.closedAt,
      milestones: ms,
      figures: s.figures,
      metrics: {
        rules: this.kindMetrics(),
        milestonesAccepted: accepted.length,
        milestonesTotal: ms.length,
        weightedProgress: totalWeight > 0 ? accepted.reduce((a, m) => a + m.weight, 0) / totalWeight : 0,
      },
    };
  }

  // ---- deadlines ----------------------------------------------------------------------------
  /** The planning activity's input for these milestones, or nothing when none is open. */
  planRequest(ms: MilestoneRuntime[]): { open: MilestoneRuntime[]; generations: number[]; input: PlanDeadlinesInput } | undefined {
    const open = ms.filter((m) => m.state !== 'accepted');
    if (open.length === 0) return undefined;
    // Repeats already handled keep their identities: plan past them, or a used-up plan would stay used up.
    const handled = Math.max(0, ...open.flatMap((m) => (m.plan?.events ?? []).filter((e) => m.fired.includes(deadlineEventId(e))).map((e) => e.repeat ?? 0)));
    return {
      open,
      generations: open.map((m) => m.generation),
      input: { policy: this.s.spec.policy, milestones: open.map((m) => ({ id: m.id, dueAt: m.dueAt })), repeatCount: handled + REPEATS_PER_PLAN },
    };
  }
  /**
   * Takes computed plans. With `skipPast`, events already past are not announced late, but what they mean still holds
   * (overdue, the escalation level reached). A plan for a deadline that moved meanwhile is dropped.
   */
  applyPlans(request: { open: MilestoneRuntime[]; generations: number[] }, plans: PlanDeadlinesResult, skipPast: boolean): void {
    const now = this.now();
    request.open.forEach((m, i) => {
      if (m.generation !== request.generations[i]) return;
      m.plan = plans[m.id];
      if (!skipPast) return;
      for (const e of m.plan.events) {
        if (Date.parse(e.at) > now || m.fired.includes(deadlineEventId(e))) continue;
        m.fired.push(deadlineEventId(e));
        if (e.kind === 'overdue') m.overdue = true;
        if (e.kind === 'escalation') escalate(m, e);
      }
    });
    this.wake = true;
  }
  /** A new deadline: the old plan and its events are forgotten, a new generation of notice keys begins. */
  private moveDeadline(m: MilestoneRuntime, dueAt: string): void {
    m.dueAt = dueAt;
    m.plan = undefined;
    m.generation += 1;
    m.fired = [];
    m.overdue = false;
    m.escalationLevel = 0;
  }
  /** The top level keeps repeating until the milestone is accepted: more repeats are planned when these are used up. */
  repeatsUsedUp(m: MilestoneRuntime, e: DeadlineEvent): boolean {
    return !!m.plan && this.pendingEvents(m).length === 0 && e.kind === 'escalation' && e.repeat !== undefined && e.repeat > 0;
  }
  /**
   * Accepts a milestone. What was true before the acceptance is recorded first, even when the workflow has not yet
   * handled it (worker or server down at that instant, or still busy with an earlier event): every plan event already
   * past is marked handled, with its fact — overdue from the deadline, the escalation level reached — but no notice.
   * Accepted after the deadline, the milestone is "accepted late" by its lateness.
   */
  private accept(m: MilestoneRuntime, at: string, reachedOn: string): void {
    const now = Date.parse(at);
    for (const e of this.pendingEvents(m)) {
      if (Date.parse(e.at) > now) break;
      m.fired.push(deadlineEventId(e));
      if (e.kind === 'overdue') {
        m.overdue = true;
        this.record('milestone.overdue', 'system', { milestoneId: m.id, dueAt: m.dueAt, at: e.at, caughtUp: true });
      } else if (e.kind === 'escalation' && (e.level ?? 1) > m.escalationLevel) {
        const level = escalate(m, e);
        this.record('escalation.raised', 'system', { milestoneId: m.id, level, repeat: e.repeat ?? 0, notify: e.notify, circular: !!e.circular, at: e.at, caughtUp: true });
      }
    }
    m.state = 'accepted';
    m.acceptedAt = at;
    m.reachedOn = reachedOn;
    const due = Date.parse(m.dueAt);
    if (now > due) {
      const zone = this.s.spec.policy.timeZone;
      const day = (ms: number) => DateTime.fromMillis(ms, { zone }).startOf('day');
      m.overdue = true;
      m.acceptedLate = { millis: now - due, days: Math.round(day(now).diff(day(due), 'days').days) };
    }
  }

  /** A deadline notice of this milestone no longer concerns anyone: it was accepted, or the project closed. */
  noticeMoot(m: MilestoneRuntime): boolean {
    return m.state === 'accepted' || this.closed;
  }

  /** Handles one plan event that has come due: its fact is recorded; the notice goes out after the read model shows it. */
  fire(m: MilestoneRuntime, e: DeadlineEvent): Notice | undefined {
    m.fired.push(deadlineEventId(e));
    const facts = { eventKey: `${this.workflowId}:${m.id}:g${m.generation}:${deadlineEventId(e)}`, projectName: this.s.spec.name, milestoneId: m.id, milestoneName: m.name, dueAt: m.dueAt };
    switch (e.kind) {
      case 'warning':
        this.record('deadline.warning', 'system', { milestoneId: m.id, dueAt: m.dueAt });
        return undefined;
      case 'reminder':
        this.record('reminder.sent', 'system', { milestoneId: m.id, dueAt: m.dueAt, offset: e.offset });
        return reminderNotice(facts, e);
      case 'overdue':
        m.overdue = true;
        this.record('milestone.overdue', 'system', { milestoneId: m.id, dueAt: m.dueAt });
        return overdueNotice(facts, e);
      case 'escalation': {
        const level = escalate(m, e);
        this.record('escalation.raised', 'system', { milestoneId: m.id, level, repeat: e.repeat ?? 0, notify: e.notify, circular: !!e.circular });
        return escalationNotice(facts, e, level);
      }
    }
  }

  // ---- the actions (validated before; see project.validators.ts) ----------------------------
  submitReport(req: SubmitReportInput, newId: () => string): { report: ReportView; effects?: Effects } {
    const done = this.seen(req.requestId);
    if (done?.kind === 'report') return { report: this.report(done.id)! };
    const m = req.milestoneId ? this.milestone(req.milestoneId, 'milestoneId') : undefined;
    const report: ReportView = {
      id: newId(), milestoneId: m?.id, submittedBy: req.actorId, submittedAt: this.nowIso(),
      figures: req.figures, narrative: req.narrative, evidence: req.evidence, state: 'submitted',
      ...(req.reachedOn && m && { reachedOn: req.reachedOn }),
    };
    this.s.reports.push(report);
    this.s.dirtyReports.push(report.id);
    if (m) m.state = 'submitted';
    this.record('report.submitted', req.actorId, { reportId: report.id, milestoneId: m?.id, figures: req.figures });
    this.remember(req.requestId, { kind: 'report', id: report.id });
    return { report, effects: {} };
  }

  reviewReport(req: ReviewReportInput): { report: ReportView; effects?: Effects } {
    const report = this.report(req.reportId)!;
    if (this.seen(req.requestId)) return { report };
    report.state = req.decision === 'accept' ? 'accepted' : 'returned';
    report.reviewedBy = req.actorId;
    report.reviewedAt = this.nowIso();
    report.reviewComment = req.comment;
    this.s.dirtyReports.push(report.id);
    const m = report.milestoneId ? this.s.milestones.find((x) => x.id === report.milestoneId) : undefined;
    if (req.decision === 'accept') {
      this.s.figures = { ...this.s.figures, ...report.figures };
      if (Object.keys(report.figures).length) {
        this.s.acceptedFigures = [...(this.s.acceptedFigures ?? []), { at: report.reviewedAt, figures: report.figures }].slice(-CARRIED_ACCEPTED_FIGURES);
      }
      if (m) this.accept(m, report.reviewedAt, report.reachedOn ?? this.dayOf(report.submittedAt));
    } else if (m) {
      m.state = 'returned';
    }
    const late = req.decision === 'accept' ? m?.acceptedLate : undefined;
    this.record(req.decision === 'accept' ? 'report.accepted' : 'report.returned', req.actorId, { reportId: report.id, milestoneId: m?.id, comment: req.comment, ...(late && { late }) });
    this.remember(req.requestId, { kind: 'report', id: report.id });
    const notice = reviewNotice({
      eventKey: `${this.workflowId}:review:${report.id}:${report.state}`, projectName: this.s.spec.name, reportId: report.id, state: report.state,
      milestoneId: m?.id, milestoneName: m?.name, comment: req.comment,
    });
    return { report, effects: { notice } };
  }

  requestExtension(req: RequestExtensionInput, newId: () => string): { extension: ExtensionView; effects?: Effects } {
    const done = this.seen(req.requestId);
    if (done?.kind === 'extension') return { extension: this.extension(done.id)! };
    const m = this.milestone(req.milestoneId, 'milestoneId');
    const extension: ExtensionView = {
      id: newId(), milestoneId: m.id, requestedBy: req.actorId, requestedAt: this.nowIso(),
      newDueAt: new Date(Date.parse(req.newDueAt)).toISOString(), reason: req.reason, state: 'pending',
    };
    this.s.extensions.push(extension);
    this.s.dirtyExtensions.push(extension.id);
    this.record('extension.requested', req.actorId, { extensionId: extension.id, milestoneId: m.id, newDueAt: extension.newDueAt, reason: req.reason });
    this.remember(req.requestId, { kind: 'extension', id: extension.id });
    const notice = extensionRequestedNotice({
      eventKey: `${this.workflowId}:extension:${extension.id}:requested`, projectName: this.s.spec.name, extensionId: extension.id,
      milestoneId: m.id, milestoneName: m.name, newDueAt: extension.newDueAt, reason: req.reason,
    });
    return { extension, effects: { notice } };
  }

  decideExtension(req: DecideExtensionInput): { extension: ExtensionView; effects?: Effects } {
    const extension = this.extension(req.extensionId)!;
    if (this.seen(req.requestId)) return { extension };
    extension.state = req.decision === 'approve' ? 'approved' : 'refused';
    extension.decidedBy = req.actorId;
    extension.decidedAt = this.nowIso();
    extension.decisionComment = req.comment;
    this.s.dirtyExtensions.push(extension.id);
    const m = this.s.milestones.find((x) => x.id === extension.milestoneId)!;
    const previousDueAt = m.dueAt;
    const replans: ReplanRequest[] = [];
    if (extension.state === 'approved' && m.state !== 'accepted') {
      this.moveDeadline(m, extension.newDueAt);
      replans.push({ milestones: [m], skipPast: true });
    }
    this.record(`extension.${extension.state}`, req.actorId, { extensionId: extension.id, milestoneId: m.id, previousDueAt, dueAt: m.dueAt, comment: req.comment });
    this.remember(req.requestId, { kind: 'extension', id: extension.id });
    const notice = extensionDecidedNotice({
      eventKey: `${this.workflowId}:extension:${extension.id}:${extension.state}`, projectName: this.s.spec.name, extensionId: extension.id,
      state: extension.state, milestoneId: m.id, milestoneName: m.name, dueAt: m.dueAt, comment: req.comment,
    });
    return { extension, effects: { replans, notice } };
  }

  amendMilestones(req: AmendMilestonesInput): { effects?: Effects } {
    if (this.seen(req.requestId)) return {};
    const replans: ReplanRequest[] = [];
    const added: MilestoneRuntime[] = [];
    for (const spec of req.milestones) {
      const m = this.s.milestones.find((x) => x.id === spec.id);
      if (!m) {
        const fresh = newMilestone(spec);
        this.s.milestones.push(fresh);
        added.push(fresh);
      } else {
        m.name = spec.name;
        m.weight = spec.weight;
        m.order = spec.order;
        if (Date.parse(spec.dueAt) !== Date.parse(m.dueAt)) {
          this.moveDeadline(m, spec.dueAt);
          replans.push({ milestones: [m], skipPast: true });
        }
      }
    }
    this.s.milestones.sort((a, b) => a.order - b.order);
    if (added.length) replans.push({ milestones: added, skipPast: true });
    this.record('milestones.amended', req.actorId, { milestones: req.milestones.map((m) => ({ id: m.id, dueAt: m.dueAt, name: m.name })) });
    this.remember(req.requestId, { kind: 'project' });
    return { effects: { replans } };
  }

  close(req: CloseProjectInput): { effects?: Effects } {
    if (this.seen(req.requestId)) return {};
    this.s.closedAt = this.nowIso();
    this.s.closeReason = req.reason;
    this.record('project.closed', req.actorId, { reason: req.reason });
    this.remember(req.requestId, { kind: 'project' });
    return { effects: { notice: closedNotice({ eventKey: `${this.workflowId}:closed`, projectName: this.s.spec.name, reason: req.reason }) } };
  }

  /** The state carried over a continue-as-new, without what PostgreSQL already holds for good. */
  compact(): ProjectData {
    const keepLast = <T>(items: T[], open: (x: T) => boolean) => {
      const final = items.filter((x) => !open(x));
      return items.filter((x) => open(x) || final.indexOf(x) >= final.length - CARRIED_FINAL_ITEMS);
    };
    return {
      ...this.s,
      reports: keepLast(this.s.reports, (r) => r.state === 'submitted'),
      extensions: keepLast(this.s.extensions, (x) => x.state === 'pending'),
      unprojectedEvents: [],
      dirtyReports: [],
      dirtyExtensions: [],
    };
  }
}
