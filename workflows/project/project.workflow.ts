import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { ProjectActivities } from '../../activities/project/project.activities.interface';
import type {
  AuditEvent,
  ExtensionView,
  MilestoneSpec,
  MilestoneState,
  MilestoneView,
  NotifyInput,
  ProjectSnapshot,
  ProjectSpec,
  ReportView,
} from '../../libs/contracts/src/project';
import { projectWorkflowId } from '../../libs/contracts/src';
import type { DeadlineEvent, DeadlinePlan } from '../../libs/domain/src/deadline';
import { DomainValidationError } from '../../libs/domain/src/errors';
import { canAcceptStage, evaluateKind, isProjectKind, KindEvaluation, nextRuleCheck, validateFigures } from '../../libs/domain/src/kinds';
import { milestoneStatus, projectStatus } from '../../libs/domain/src/milestone-status';
import type { StatusReason, StatusResult } from '../../libs/domain/src/status';
import { deadlineEventId, nowIso, pendingDeadlineEvents } from '../shared/deadline-events';
import {
  amendMilestonesUpdate,
  calendarChangedSignal,
  closeProjectUpdate,
  decideExtensionUpdate,
  FAILURE_TYPES,
  ProjectWorkflowInput,
  requestExtensionUpdate,
  reviewReportUpdate,
  snapshotQuery,
  submitReportUpdate,
  syncUpdate,
} from './project.messages';

const { planDeadlines, projectProject } = proxyActivities<ProjectActivities>({
  startToCloseTimeout: '30 seconds',
  // No maximum attempts: a read-model or calendar outage delays, never loses, a step.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
const { notify } = proxyActivities<ProjectActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Repeats of the top escalation level planned at a time; re-planned when used up. */
const REPEATS_PER_PLAN = 12;
/** Idempotency keys remembered (the API also keeps its own record). */
const REMEMBERED_REQUESTS = 1000;
/** Final reports and decided extensions carried over a continue-as-new (all of them stay in PostgreSQL). */
const CARRIED_FINAL_ITEMS = 50;
/** Accepted figures kept for the kind's rules (older ones are superseded by later reports of the same figures). */
const CARRIED_ACCEPTED_FIGURES = 500;

interface MilestoneRuntime extends MilestoneSpec {
  state: MilestoneState;
  acceptedAt?: string;
  overdue: boolean;
  escalationLevel: number;
  plan?: DeadlinePlan;
  /** Identities (kind:offset:level:repeat) of plan events already handled for the current deadline. */
  fired: string[];
  /** Bumped whenever the deadline moves, so notifications of a new deadline get new keys. */
  generation: number;
}

type Processed = { kind: 'report'; id: string } | { kind: 'extension'; id: string } | { kind: 'project' };

interface State {
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

const eventId = deadlineEventId;

function fail(type: string, message: string, field?: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: field ? [{ field }] : [] });
}

export async function projectWorkflow(input: ProjectWorkflowInput): Promise<ProjectSnapshot> {
  const s: State = (input.carried as State | undefined) ?? {
    spec: input.spec,
    milestones: input.spec.milestones.map((m) => ({ ...m, state: 'pending', overdue: false, escalationLevel: 0, fired: [], generation: 0 })),
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
  const workflowId = projectWorkflowId(s.spec.projectId);
  let wake = false;
  let ready = !!input.carried;
  let status: StatusResult = { status: 'green', reasons: [] };

  // ---- state helpers -------------------------------------------------------------------------
  const milestone = (id: string | undefined, field: string): MilestoneRuntime => {
    const m = s.milestones.find((x) => x.id === id);
    if (!m) fail(FAILURE_TYPES.notFound, `No milestone "${id}" in this project`, field);
    return m;
  };
  const record = (type: string, actor: string, data: Record<string, unknown> = {}) => {
    s.eventSeq += 1;
    s.unprojectedEvents.push({ seq: s.eventSeq, type, actor, at: nowIso(), data });
  };
  const touch = () => {
    s.version += 1;
    wake = true;
  };
  const remember = (requestId: string, result: Processed) => {
    s.processed.push([requestId, result]);
    if (s.processed.length > REMEMBERED_REQUESTS) s.processed.splice(0, s.processed.length - REMEMBERED_REQUESTS);
  };
  const seen = (requestId: string) => s.processed.find(([k]) => k === requestId)?.[1];

  const pendingEvents = (m: MilestoneRuntime): DeadlineEvent[] => (m.state === 'accepted' ? [] : pendingDeadlineEvents(m.plan, m.fired));

  const nextDue = (): { m: MilestoneRuntime; e: DeadlineEvent } | undefined => {
    let best: { m: MilestoneRuntime; e: DeadlineEvent } | undefined;
    for (const m of s.milestones) {
      const e = pendingEvents(m)[0];
      if (e && (!best || Date.parse(e.at) < Date.parse(best.e.at))) best = { m, e };
    }
    return best;
  };

  const evaluate = (): StatusResult => {
    const now = Date.now();
    const perMilestone = s.milestones.map((m) =>
      milestoneStatus(
        { id: m.id, name: m.name, dueAt: m.dueAt, state: m.state, warningAt: m.plan?.events.find((e) => e.kind === 'warning')?.at },
        now,
      ),
    );
    return projectStatus({ closed: !!s.closedAt, milestones: perMilestone, rules: [kindVerdict()] });
  };

  /** The kind's own rules (quotas, thresholds, investment pace) over the accepted figures. */
  const kindVerdict = (): KindEvaluation => {
    if (!isProjectKind(s.spec.kind)) return { status: 'green', reasons: [] };
    try {
      return evaluateKind(
        s.spec.kind,
        s.spec.targets,
        s.acceptedFigures ?? s.reports.filter((r) => r.state === 'accepted').map((r) => ({ at: r.reviewedAt ?? r.submittedAt, figures: r.figures })),
        nowIso(),
        {
          milestones: s.milestones.map((m) => ({ id: m.id, name: m.name, dueDate: m.dueAt.slice(0, 10), weight: m.weight })),
          acceptedStages: s.milestones.filter((m) => m.state === 'accepted').map((m) => m.id),
          tolerance: s.spec.policy.tolerance,
          zone: s.spec.policy.timeZone,
          // Each stage's deadline is a milestone judged on the deadline policy; the rule judges seats and money.
          judgeStageDeadlines: false,
        },
      );
    } catch (err) {
      return { status: 'yellow', reasons: [{ code: 'rules.unevaluable', message: (err as Error).message }] };
    }
  };

  const views = (): MilestoneView[] => {
    const now = Date.now();
    return s.milestones.map((m) => {
      const verdict = milestoneStatus(
        { id: m.id, name: m.name, dueAt: m.dueAt, state: m.state, warningAt: m.plan?.events.find((e) => e.kind === 'warning')?.at },
        now,
      );
      const next = pendingEvents(m)[0];
      return {
        id: m.id, name: m.name, dueAt: m.dueAt, weight: m.weight, order: m.order,
        state: m.state, overdue: m.overdue, status: s.closedAt ? 'closed' : verdict.status, reasons: verdict.reasons,
        escalationLevel: m.escalationLevel, acceptedAt: m.acceptedAt,
        nextEvent: next && !s.closedAt ? { kind: next.kind, at: next.at, level: next.level } : undefined,
      };
    });
  };

  const snapshot = (): ProjectSnapshot => {
    const ms = views();
    const open = ms.filter((m) => m.state !== 'accepted');
    const upcoming = s.closedAt ? [] : open.map((m) => m.dueAt).sort((a, b) => Date.parse(a) - Date.parse(b));
    const accepted = ms.filter((m) => m.state === 'accepted');
    const totalWeight = ms.reduce((a, m) => a + m.weight, 0);
    return {
      spec: s.spec,
      version: s.version,
      status: status.status,
      reasons: status.reasons,
      escalationLevel: s.closedAt ? 0 : Math.max(0, ...open.map((m) => m.escalationLevel)),
      nextDeadline: upcoming[0],
      closedAt: s.closedAt,
      milestones: ms,
      figures: s.figures,
      metrics: {
        rules: kindMetrics(),
        milestonesAccepted: accepted.length,
        milestonesTotal: ms.length,
        weightedProgress: totalWeight > 0 ? accepted.reduce((a, m) => a + m.weight, 0) / totalWeight : 0,
      },
    };
  };

  const kindMetrics = (): Record<string, unknown> => {
    const { status: _status, reasons: _reasons, ...extras } = kindVerdict() as KindEvaluation & Record<string, unknown>;
    return extras;
  };

  /** Writes the read model and forgets what it wrote. Safe to run concurrently: writes are versioned upserts. */
  const project = async () => {
    const events = [...s.unprojectedEvents];
    const reportIds = [...s.dirtyReports];
    const extensionIds = [...s.dirtyExtensions];
    await projectProject({
      snapshot: snapshot(),
      reports: s.reports.filter((r) => reportIds.includes(r.id)),
      extensions: s.extensions.filter((x) => extensionIds.includes(x.id)),
      events,
    });
    s.unprojectedEvents = s.unprojectedEvents.filter((e) => !events.some((w) => w.seq === e.seq));
    s.dirtyReports = s.dirtyReports.filter((id) => !reportIds.includes(id));
    s.dirtyExtensions = s.dirtyExtensions.filter((id) => !extensionIds.includes(id));
  };

  const refreshStatus = () => {
    const before = status;
    status = evaluate();
    const changed = before.status !== status.status || JSON.stringify(before.reasons) !== JSON.stringify(status.reasons);
    if (changed && s.version > 0) {
      record('status.changed', 'system', { from: before.status, to: status.status, reasons: status.reasons as StatusReason[] });
    }
    return changed;
  };

  const audienceNotice = (n: Omit<NotifyInput, 'projectId' | 'planId' | 'leadUnitId' | 'ownerUserId'>) =>
    notify({ ...n, projectId: s.spec.projectId, planId: s.spec.planId, leadUnitId: s.spec.leadUnitId, ownerUserId: s.spec.ownerUserId });

  /** (Re)computes the deadline plan of the given milestones; events already handled for the same deadline stay handled. */
  const replan = async (ms: MilestoneRuntime[], opts: { skipPast: boolean }) => {
    const open = ms.filter((m) => m.state !== 'accepted');
    if (open.length === 0) return;
    // Repeats already handled keep their identities: plan past them, or a used-up plan would stay used up.
    const handled = Math.max(0, ...open.flatMap((m) => (m.plan?.events ?? []).filter((e) => m.fired.includes(eventId(e))).map((e) => e.repeat ?? 0)));
    const plans = await planDeadlines({ policy: s.spec.policy, milestones: open.map((m) => ({ id: m.id, dueAt: m.dueAt })), repeatCount: handled + REPEATS_PER_PLAN });
    const now = Date.now();
    for (const m of open) {
      m.plan = plans[m.id];
      if (opts.skipPast) {
        // Events already past when planned are not announced late, but what they mean still holds.
        for (const e of m.plan.events) {
          if (Date.parse(e.at) > now || m.fired.includes(eventId(e))) continue;
          m.fired.push(eventId(e));
          if (e.kind === 'overdue') m.overdue = true;
          if (e.kind === 'escalation') m.escalationLevel = Math.max(m.escalationLevel, e.level ?? 1);
        }
      }
    }
    wake = true;
  };

  const moveDeadline = async (m: MilestoneRuntime, dueAt: string) => {
    m.dueAt = dueAt;
    m.generation += 1;
    m.fired = [];
    m.overdue = false;
    m.escalationLevel = 0;
    await replan([m], { skipPast: true });
  };

  /** Handles one plan event that has come due: the read model shows it before anyone is told. */
  const fire = async (m: MilestoneRuntime, e: DeadlineEvent) => {
    m.fired.push(eventId(e));
    const eventKey = `${workflowId}:${m.id}:g${m.generation}:${eventId(e)}`;
    const due = `${m.name} (due ${m.dueAt})`;
    let notice: Parameters<typeof audienceNotice>[0] | undefined;
    switch (e.kind) {
      case 'warning':
        record('deadline.warning', 'system', { milestoneId: m.id, dueAt: m.dueAt });
        break;
      case 'reminder':
        record('reminder.sent', 'system', { milestoneId: m.id, dueAt: m.dueAt, offset: e.offset });
        notice = { eventKey, audience: e.notify, kind: 'reminder', title: `Reminder: ${due} — ${s.spec.name}`, body: `The milestone "${m.name}" of "${s.spec.name}" is due ${m.dueAt}. Submit a progress report before then.`, data: { milestoneId: m.id, dueAt: m.dueAt } };
        break;
      case 'overdue':
        m.overdue = true;
        record('milestone.overdue', 'system', { milestoneId: m.id, dueAt: m.dueAt });
        notice = { eventKey, audience: e.notify, kind: 'overdue', title: `Overdue: ${due} — ${s.spec.name}`, body: `The deadline of "${m.name}" has passed without an accepted report.`, data: { milestoneId: m.id, dueAt: m.dueAt } };
        break;
      case 'escalation': {
        const level = e.level ?? 1;
        m.escalationLevel = Math.max(m.escalationLevel, level);
        record('escalation.raised', 'system', { milestoneId: m.id, level, repeat: e.repeat ?? 0, notify: e.notify, circular: !!e.circular });
        notice = { eventKey, audience: e.notify, kind: 'escalation', level, title: `Escalation level ${level}: ${due} — ${s.spec.name}`, body: `"${m.name}" of "${s.spec.name}" is overdue since ${m.dueAt} and has been escalated to level ${level}.`, data: { milestoneId: m.id, dueAt: m.dueAt, repeat: e.repeat ?? 0, circular: !!e.circular } };
        break;
      }
    }
    touch();
    refreshStatus();
    await project();
    if (notice) await audienceNotice(notice);
    // The top level keeps repeating until the milestone is accepted: plan more repeats when these are used up.
    if (m.plan && pendingEvents(m).length === 0 && e.kind === 'escalation' && e.repeat !== undefined && e.repeat > 0) {
      await replan([m], { skipPast: false });
    }
  };

  // ---- the actions --------------------------------------------------------------------------
  const assertOpen = () => {
    if (s.closedAt) fail(FAILURE_TYPES.conflict, 'The project is closed');
  };

  setHandler(snapshotQuery, snapshot);
  setHandler(syncUpdate, async () => {
    await condition(() => ready);
    return snapshot();
  });
  setHandler(calendarChangedSignal, () => {
    s.replanAll = true;
    wake = true;
  });

  setHandler(
    submitReportUpdate,
    async (req) => {
      const done = seen(req.requestId);
      if (done?.kind === 'report') return { report: s.reports.find((r) => r.id === done.id)!, project: snapshot() };
      const m = req.milestoneId ? milestone(req.milestoneId, 'milestoneId') : undefined;
      const report: ReportView = {
        id: uuid4(), milestoneId: m?.id, submittedBy: req.actorId, submittedAt: nowIso(),
        figures: req.figures, narrative: req.narrative, evidence: req.evidence, state: 'submitted',
      };
      s.reports.push(report);
      s.dirtyReports.push(report.id);
      if (m) m.state = 'submitted';
      record('report.submitted', req.actorId, { reportId: report.id, milestoneId: m?.id, figures: req.figures });
      remember(req.requestId, { kind: 'report', id: report.id });
      touch();
      refreshStatus();
      await project();
      return { report, project: snapshot() };
    },
    {
      validator: (req) => {
        if (seen(req.requestId)) return;
        assertOpen();
        if (req.milestoneId !== undefined) {
          const m = milestone(req.milestoneId, 'milestoneId');
          if (m.state === 'accepted') fail(FAILURE_TYPES.conflict, `The milestone "${m.name}" is already accepted`, 'milestoneId');
          if (s.reports.some((r) => r.milestoneId === m.id && r.state === 'submitted')) {
            fail(FAILURE_TYPES.conflict, `A report on "${m.name}" is already waiting for review`, 'milestoneId');
          }
        }
        if (isProjectKind(s.spec.kind) && req.figures && Object.keys(req.figures).length > 0) {
          try {
            validateFigures(s.spec.kind, req.figures, 'figures');
          } catch (err) {
            if (err instanceof DomainValidationError) fail(FAILURE_TYPES.validation, err.message, err.field);
            throw err;
          }
        }
      },
    },
  );

  setHandler(
    reviewReportUpdate,
    async (req) => {
      const done = seen(req.requestId);
      const report = s.reports.find((r) => r.id === req.reportId)!;
      if (done) return { report, project: snapshot() };
      report.state = req.decision === 'accept' ? 'accepted' : 'returned';
      report.reviewedBy = req.actorId;
      report.reviewedAt = nowIso();
      report.reviewComment = req.comment;
      s.dirtyReports.push(report.id);
      const m = report.milestoneId ? s.milestones.find((x) => x.id === report.milestoneId) : undefined;
      if (req.decision === 'accept') {
        s.figures = { ...s.figures, ...report.figures };
        if (Object.keys(report.figures).length) {
          s.acceptedFigures = [...(s.acceptedFigures ?? []), { at: report.reviewedAt!, figures: report.figures }].slice(-CARRIED_ACCEPTED_FIGURES);
        }
        if (m) {
          m.state = 'accepted';
          m.acceptedAt = report.reviewedAt;
        }
      } else if (m) {
        m.state = 'returned';
      }
      record(req.decision === 'accept' ? 'report.accepted' : 'report.returned', req.actorId, { reportId: report.id, milestoneId: m?.id, comment: req.comment });
      remember(req.requestId, { kind: 'report', id: report.id });
      touch();
      refreshStatus();
      await project();
      await audienceNotice({
        eventKey: `${workflowId}:review:${report.id}:${report.state}`, audience: ['owner'], kind: 'review',
        title: `Report ${report.state}: ${m ? m.name : 'progress report'} — ${s.spec.name}`,
        body: req.comment ? `Comment: ${req.comment}` : `Your report was ${report.state}.`, data: { reportId: report.id, milestoneId: m?.id },
      });
      return { report, project: snapshot() };
    },
    {
      validator: (req) => {
        if (seen(req.requestId)) return;
        assertOpen();
        const report = s.reports.find((r) => r.id === req.reportId);
        if (!report) fail(FAILURE_TYPES.notFound, `No report ${req.reportId} in this project`, 'reportId');
        if (report.state !== 'submitted') fail(FAILURE_TYPES.conflict, `The report was already ${report.state}`, 'reportId');
        if (req.decision !== 'accept' && req.decision !== 'return') fail(FAILURE_TYPES.validation, 'must be accept or return', 'decision');
        if (req.decision === 'return' && !req.comment?.trim()) fail(FAILURE_TYPES.validation, 'a returned report needs a comment saying what to fix', 'comment');
        if (req.decision === 'accept' && s.spec.kind === 'school_construction' && report.milestoneId) {
          const verdict = canAcceptStage(report.milestoneId, s.milestones.filter((m) => m.state === 'accepted').map((m) => m.id));
          if (!verdict.ok) fail(FAILURE_TYPES.conflict, verdict.reason, 'reportId');
        }
      },
    },
  );

  setHandler(
    requestExtensionUpdate,
    async (req) => {
      const done = seen(req.requestId);
      if (done?.kind === 'extension') return { extension: s.extensions.find((x) => x.id === done.id)!, project: snapshot() };
      const m = milestone(req.milestoneId, 'milestoneId');
      const extension: ExtensionView = {
        id: uuid4(), milestoneId: m.id, requestedBy: req.actorId, requestedAt: nowIso(),
        newDueAt: new Date(Date.parse(req.newDueAt)).toISOString(), reason: req.reason, state: 'pending',
      };
      s.extensions.push(extension);
      s.dirtyExtensions.push(extension.id);
      record('extension.requested', req.actorId, { extensionId: extension.id, milestoneId: m.id, newDueAt: extension.newDueAt, reason: req.reason });
      remember(req.requestId, { kind: 'extension', id: extension.id });
      touch();
      await project();
      await audienceNotice({
        eventKey: `${workflowId}:extension:${extension.id}:requested`, audience: ['office'], kind: 'extension',
        title: `Extension requested: ${m.name} — ${s.spec.name}`, body: `New date asked: ${extension.newDueAt}. Reason: ${req.reason}`,
        data: { extensionId: extension.id, milestoneId: m.id },
      });
      return { extension, project: snapshot() };
    },
    {
      validator: (req) => {
        if (seen(req.requestId)) return;
        assertOpen();
        const m = milestone(req.milestoneId, 'milestoneId');
        if (m.state === 'accepted') fail(FAILURE_TYPES.conflict, `The milestone "${m.name}" is already accepted`, 'milestoneId');
        const newDue = Date.parse(req.newDueAt);
        if (Number.isNaN(newDue)) fail(FAILURE_TYPES.validation, 'must be an ISO 8601 instant', 'newDueAt');
        if (newDue <= Date.parse(m.dueAt)) fail(FAILURE_TYPES.validation, `must be after the current deadline ${m.dueAt}`, 'newDueAt');
        if (s.extensions.some((x) => x.milestoneId === m.id && x.state === 'pending')) {
          fail(FAILURE_TYPES.conflict, `An extension of "${m.name}" is already waiting for a decision`, 'milestoneId');
        }
      },
    },
  );

  setHandler(
    decideExtensionUpdate,
    async (req) => {
      const done = seen(req.requestId);
      const extension = s.extensions.find((x) => x.id === req.extensionId)!;
      if (done) return { extension, project: snapshot() };
      extension.state = req.decision === 'approve' ? 'approved' : 'refused';
      extension.decidedBy = req.actorId;
      extension.decidedAt = nowIso();
      extension.decisionComment = req.comment;
      s.dirtyExtensions.push(extension.id);
      const m = s.milestones.find((x) => x.id === extension.milestoneId)!;
      const previousDueAt = m.dueAt;
      if (extension.state === 'approved' && m.state !== 'accepted') await moveDeadline(m, extension.newDueAt);
      record(`extension.${extension.state}`, req.actorId, { extensionId: extension.id, milestoneId: m.id, previousDueAt, dueAt: m.dueAt, comment: req.comment });
      remember(req.requestId, { kind: 'extension', id: extension.id });
      touch();
      refreshStatus();
      await project();
      await audienceNotice({
        eventKey: `${workflowId}:extension:${extension.id}:${extension.state}`, audience: ['owner'], kind: 'extension',
        title: `Extension ${extension.state}: ${m.name} — ${s.spec.name}`,
        body: extension.state === 'approved' ? `The new deadline is ${m.dueAt}.` : `The deadline stays ${m.dueAt}.${req.comment ? ` Comment: ${req.comment}` : ''}`,
        data: { extensionId: extension.id, milestoneId: m.id },
      });
      return { extension, project: snapshot() };
    },
    {
      validator: (req) => {
        if (seen(req.requestId)) return;
        assertOpen();
        const x = s.extensions.find((e) => e.id === req.extensionId);
        if (!x) fail(FAILURE_TYPES.notFound, `No extension request ${req.extensionId} in this project`, 'extensionId');
        if (x.state !== 'pending') fail(FAILURE_TYPES.conflict, `The extension request was already ${x.state}`, 'extensionId');
        if (req.decision !== 'approve' && req.decision !== 'refuse') fail(FAILURE_TYPES.validation, 'must be approve or refuse', 'decision');
      },
    },
  );

  setHandler(
    amendMilestonesUpdate,
    async (req) => {
      if (seen(req.requestId)) return snapshot();
      const moved: MilestoneRuntime[] = [];
      for (const spec of req.milestones) {
        const m = s.milestones.find((x) => x.id === spec.id);
        if (!m) {
          const added: MilestoneRuntime = { ...spec, state: 'pending', overdue: false, escalationLevel: 0, fired: [], generation: 0 };
          s.milestones.push(added);
          moved.push(added);
        } else {
          m.name = spec.name;
          m.weight = spec.weight;
          m.order = spec.order;
          if (Date.parse(spec.dueAt) !== Date.parse(m.dueAt)) {
            await moveDeadline(m, spec.dueAt);
          }
        }
      }
      s.milestones.sort((a, b) => a.order - b.order);
      if (moved.length) await replan(moved, { skipPast: true });
      record('milestones.amended', req.actorId, { milestones: req.milestones.map((m) => ({ id: m.id, dueAt: m.dueAt, name: m.name })) });
      remember(req.requestId, { kind: 'project' });
      touch();
      refreshStatus();
      await project();
      return snapshot();
    },
    {
      validator: (req) => {
        if (seen(req.requestId)) return;
        assertOpen();
        if (!Array.isArray(req.milestones) || req.milestones.length === 0) fail(FAILURE_TYPES.validation, 'must list at least one milestone', 'milestones');
        (req.milestones as MilestoneSpec[]).forEach((spec, i) => {
          if (!spec.id) fail(FAILURE_TYPES.validation, 'is required', `milestones[${i}].id`);
          if (Number.isNaN(Date.parse(spec.dueAt))) fail(FAILURE_TYPES.validation, 'must be an ISO 8601 instant', `milestones[${i}].dueAt`);
          const m = s.milestones.find((x) => x.id === spec.id);
          if (m?.state === 'accepted' && Date.parse(spec.dueAt) !== Date.parse(m.dueAt)) {
            fail(FAILURE_TYPES.conflict, `"${m.name}" is accepted: its deadline cannot move`, `milestones[${i}].dueAt`);
          }
        });
      },
    },
  );

  setHandler(
    closeProjectUpdate,
    async (req) => {
      if (seen(req.requestId)) return snapshot();
      s.closedAt = nowIso();
      s.closeReason = req.reason;
      record('project.closed', req.actorId, { reason: req.reason });
      remember(req.requestId, { kind: 'project' });
      touch();
      refreshStatus();
      await project();
      await audienceNotice({
        eventKey: `${workflowId}:closed`, audience: ['owner'], kind: 'closed',
        title: `Project closed: ${s.spec.name}`, body: req.reason, data: {},
      });
      return snapshot();
    },
    {
      validator: (req) => {
        if (seen(req.requestId)) return;
        assertOpen();
        if (!req.reason?.trim()) fail(FAILURE_TYPES.validation, 'a closing needs a reason', 'reason');
      },
    },
  );

  // ---- the life of the project --------------------------------------------------------------
  // Rules that change colour with the date alone (check dates, training pace) get their own timer.
  const ruleTimers = patched('rule-check-timers');
  const nextCheck = (): number | undefined => {
    if (!ruleTimers || !isProjectKind(s.spec.kind)) return undefined;
    try {
      return nextRuleCheck(s.spec.kind, s.spec.targets, Date.now(), s.spec.policy.timeZone);
    } catch {
      return undefined;
    }
  };
  if (!input.carried) {
    record('project.created', s.spec.createdBy, { kind: s.spec.kind, milestones: s.spec.milestones.map((m) => ({ id: m.id, dueAt: m.dueAt })) });
    touch();
  }
  while (!s.closedAt) {
    if (s.replanAll) {
      s.replanAll = false;
      const first = s.version <= 1;
      await replan(s.milestones, { skipPast: first });
      if (!first) record('calendar.replanned', 'system', {});
      touch();
    }
    refreshStatus();
    if (s.unprojectedEvents.length || s.dirtyReports.length || s.dirtyExtensions.length || wake) await project();
    wake = false;
    ready = true;

    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > (s.spec.historyLimit ?? 10_000)) {
      await condition(allHandlersFinished);
      await project();
      await continueAsNew<typeof projectWorkflow>({ spec: s.spec, carried: compact(s) });
    }

    const next = nextDue();
    const wakeAt = Math.min(next ? Date.parse(next.e.at) : Infinity, nextCheck() ?? Infinity);
    const waitMs = Number.isFinite(wakeAt) ? Math.max(1, wakeAt - Date.now()) : undefined;
    const woken = () => wake || !!s.closedAt || s.replanAll;
    const interrupted = waitMs === undefined ? (await condition(woken), true) : await condition(woken, waitMs);
    if (!interrupted) {
      if (next && Date.now() >= Date.parse(next.e.at) && pendingEvents(next.m)[0] === next.e) await fire(next.m, next.e);
      else wake = true; // a rule check: the loop re-evaluates and writes the read model
    }
  }
  await condition(allHandlersFinished);
  refreshStatus();
  await project();
  return snapshot();
}

/** The state carried over a continue-as-new, without what PostgreSQL already holds for good. */
function compact(s: State): State {
  const keepLast = <T>(items: T[], open: (x: T) => boolean) => {
    const final = items.filter((x) => !open(x));
    return items.filter((x) => open(x) || final.indexOf(x) >= final.length - CARRIED_FINAL_ITEMS);
  };
  return {
    ...s,
    reports: keepLast(s.reports, (r) => r.state === 'submitted'),
    extensions: keepLast(s.extensions, (x) => x.state === 'pending'),
    unprojectedEvents: [],
    dirtyReports: [],
    dirtyExtensions: [],
  };
}
