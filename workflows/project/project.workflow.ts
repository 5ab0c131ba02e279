import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { ProjectActivities } from '../../activities/project/project.activities.interface';
import type { ProjectionInput, ProjectSnapshot } from '../../libs/contracts/src/project';
import { ProjectSearchAttributes as SA, projectWorkflowId } from '../../libs/contracts/src';
import type { DeadlineEvent } from '../../libs/domain/src/deadline';
import { unwrapped } from '../shared/failure';
import { RETRY_UNTIL_DONE } from '../shared/retry';
import {
  amendMilestonesUpdate,
  calendarChangedSignal,
  closeProjectUpdate,
  decideExtensionUpdate,
  ProjectWorkflowInput,
  requestExtensionUpdate,
  reviewReportUpdate,
  snapshotQuery,
  submitReportUpdate,
  syncUpdate,
} from './project.messages';
import type { Notice } from './project.notices';
import { Effects, MilestoneRuntime, ProjectData, ProjectState } from './project.state';
import {
  validateAmendMilestones,
  validateCloseProject,
  validateDecideExtension,
  validateRequestExtension,
  validateReviewReport,
  validateSubmitReport,
} from './project.validators';

// A read-model or calendar outage delays, never loses, a step.
const { planDeadlines, projectProject, notify, recordChange } = proxyActivities<ProjectActivities>({ startToCloseTimeout: '30 seconds', retry: RETRY_UNTIL_DONE });

/**
 * One key project: its milestones' deadlines, reminders and escalations, and the actions of its owner and the office.
 * The state and its rules live in ProjectState (synchronous); this function only sequences I/O around it. Rule for
 * handlers: every state change happens in a synchronous ProjectState method before the handler's first await; after it
 * only commit() runs (see docs/decisions.md, "Workflow handlers and awaits").
 */
export async function projectWorkflow(input: ProjectWorkflowInput): Promise<ProjectSnapshot> {
  const st = new ProjectState((input.carried as ProjectData | undefined) ?? ProjectState.initial(input.spec), projectWorkflowId(input.spec.projectId));
  let ready = !!input.carried;

  // Operators find projects by status, plan, unit, kind and next deadline in Temporal too (upserted when they change).
  const searchable = patched('search-attributes');
  let indexed = '';
  const index = (snapshot: ProjectSnapshot) => {
    const facts = { status: snapshot.status, nextDeadline: snapshot.nextDeadline ? new Date(snapshot.nextDeadline) : null };
    if (!searchable || JSON.stringify(facts) === indexed) return;
    const first = indexed === '';
    indexed = JSON.stringify(facts);
    upsertSearchAttributes([
      { key: SA.ProjectStatus, value: facts.status },
      { key: SA.NextDeadline, value: facts.nextDeadline },
      ...(first ? [{ key: SA.PlanId, value: st.spec.planId }, { key: SA.LeadUnitId, value: st.spec.leadUnitId }, { key: SA.ProjectKind, value: st.spec.kind }] : []),
    ]);
  };
  // A change answers its caller as soon as its state is decided, with the projection to write (the API writes it before
  // it answers); the workflow's own write of it, and then the change's notice, follow in one activity. The main loop
  // writes only what no change has scheduled yet, and keeps its timer unless the next wake-up moved.
  const early = patched('answer-before-read-model');
  // A fired deadline: its read model and notice in one activity (runs recorded before keep two).
  const oneActivity = early && patched('one-activity-per-deadline');
  /** What the last projection scheduled covers: the project's version and its audit events. */
  let scheduled = '';
  const mark = () => `${st.s.version}:${st.s.eventSeq}`;
  /** Projections (with their notices) still being written in the background. */
  let writing = 0;
  /** What the read model needs now, marked as scheduled and indexed in Temporal too. */
  const take = () => {
    const taken = st.projection();
    scheduled = mark();
    index(taken.input.snapshot);
    return taken;
  };
  /** Writes the read model and forgets what it wrote. Safe to run concurrently: writes are versioned upserts. */
  const project = async () => {
    const { input: projection, written } = take();
    await projectProject(projection);
    written();
  };
  const noticeInput = (n: Notice) => ({ ...n, projectId: st.spec.projectId, planId: st.spec.planId, leadUnitId: st.spec.leadUnitId, ownerUserId: st.spec.ownerUserId });
  const send = (n: Notice) => notify(noticeInput(n));
  /** (Re)computes the deadline plan of the given milestones; events already handled for the same deadline stay handled. */
  let given = early ? input.plans : undefined;
  const replan = async (ms: MilestoneRuntime[], skipPast: boolean) => {
    const request = st.planRequest(ms);
    if (!request) return;
    const plans = given && JSON.stringify(given.input) === JSON.stringify(request.input) ? given.result : undefined;
    given = undefined;
    st.applyPlans(request, plans ?? (await unwrapped(planDeadlines(request.input))), skipPast);
  };
  /** The common tail of every change: plans, a new version and its colour, the read model, then the notice. */
  const commit = async (effects: Effects | undefined) => {
    if (!effects) return; // a repeated request: its first answer stands
    for (const r of effects.replans ?? []) await replan(r.milestones, r.skipPast);
    st.touch();
    st.refreshStatus();
    await project();
    if (effects.notice) await send(effects.notice);
  };
  /** Runs a change's I/O and answers with its result and the project as it now stands. */
  const run = async <R extends { effects?: Effects }>(change: R): Promise<Omit<R, 'effects'> & { project: ProjectSnapshot }> => {
    await commit(change.effects);
    const { effects: _effects, ...result } = change;
    return { ...result, project: st.snapshot() };
  };
  /** Writes the read model, then the notice, in the background; returns the projection for the caller to write first. */
  const writeBehind = (notice?: Notice): { projection: ProjectionInput; done: Promise<void> } => {
    const { input: projection, written } = take();
    writing += 1;
    const done = recordChange({ projection, notice: notice && noticeInput(notice) }).then(() => {
      written();
      writing -= 1;
    });
    return { projection, done };
  };
  /** Like run, but answers before the read model is written, with the projection the caller writes (see `early`). */
  const answer = async <R extends { effects?: Effects }>(change: R): Promise<Omit<R, 'effects'> & { project: ProjectSnapshot; projection?: ProjectionInput }> => {
    if (!early) return run(change);
    const { effects, ...result } = change;
    if (!effects) return { ...result, project: st.snapshot() }; // a repeated request: its first answer stands
    for (const r of effects.replans ?? []) await replan(r.milestones, r.skipPast);
    st.touch();
    st.refreshStatus();
    const { projection } = writeBehind(effects.notice);
    return { ...result, project: projection.snapshot, projection };
  };
  /** The project's first projection, until written: the creating caller writes it (see `early`). */
  let created: ProjectionInput | undefined;
  /** Handles one plan event that has come due: the read model shows it before anyone is told. */
  const fire = async (m: MilestoneRuntime, e: DeadlineEvent) => {
    const notice = st.fire(m, e);
    if (oneActivity) {
      // The read model and the notice in one activity; the notice is moot if the read model shows the milestone
      // accepted (or the project closed) by then, a change answered meanwhile having been written by its caller.
      st.touch();
      st.refreshStatus();
      const { input: projection, written } = take();
      await recordChange({ projection, ...(notice && !st.noticeMoot(m) && { notice: noticeInput(notice), mootIfSettled: m.id }) });
      written();
      if (st.repeatsUsedUp(m, e)) await replan([m], false);
      return;
    }
    await commit({});
    // Accepted (or closed) while the read model was being written: the fact stays recorded, the notice is moot.
    if (notice && !(st.noticeMoot(m) && patched('no-deadline-notice-after-acceptance'))) await send(notice);
    if (st.repeatsUsedUp(m, e)) await replan([m], false);
  };

  // ---- the actions --------------------------------------------------------------------------
  setHandler(snapshotQuery, () => st.snapshot());
  setHandler(syncUpdate, async () => (await condition(() => ready), created ? { ...st.snapshot(), projection: created } : st.snapshot()));
  setHandler(calendarChangedSignal, () => st.calendarChanged());
  setHandler(submitReportUpdate, (req) => answer(st.submitReport(req, uuid4)), { validator: (req) => validateSubmitReport(st, req) });
  setHandler(reviewReportUpdate, (req) => answer(st.reviewReport(req)), { validator: (req) => validateReviewReport(st, req) });
  setHandler(requestExtensionUpdate, (req) => answer(st.requestExtension(req, uuid4)), { validator: (req) => validateRequestExtension(st, req) });
  setHandler(decideExtensionUpdate, (req) => answer(st.decideExtension(req)), { validator: (req) => validateDecideExtension(st, req) });
  setHandler(amendMilestonesUpdate, async (req) => (await run(st.amendMilestones(req))).project, { validator: (req) => validateAmendMilestones(st, req) });
  setHandler(closeProjectUpdate, async (req) => (await run(st.close(req))).project, { validator: (req) => validateCloseProject(st, req) });

  // ---- the life of the project --------------------------------------------------------------
  // Rules that change colour with the date alone (check dates, training pace) get their own timer.
  const ruleTimers = patched('rule-check-timers');
  // A history stays under 4,096 events (the server suggests continue-as-new only at 4,096, and the run's last steps
  // add a few more): runs started before this keep the old limit.
  const historyLimit = st.spec.historyLimit ?? (patched('history-under-4096') ? 3_500 : 10_000);
  const historyFull = () => {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength > historyLimit;
  };
  if (!input.carried) st.created();
  while (!st.closed) {
    const replanAll = st.takeReplanAll();
    if (replanAll) {
      await replan(st.s.milestones, replanAll.first);
      st.replanned(replanAll);
    }
    st.refreshStatus();
    if ((st.hasUnprojected || st.wake) && !(early && mark() === scheduled)) {
      if (early && !ready) {
        const first = writeBehind();
        created = first.projection;
        void first.done.then(() => (created = undefined));
      } else await project();
    }
    st.sleeping();
    ready = true;

    if (historyFull()) {
      await condition(() => allHandlersFinished() && writing === 0);
      await project();
      await continueAsNew<typeof projectWorkflow>({ spec: st.spec, carried: st.compact() });
    }

    const next = st.nextDue();
    const wakeAtNow = () => {
      const due = st.nextDue();
      return Math.min(due ? Date.parse(due.e.at) : Infinity, (ruleTimers ? st.nextRuleCheck() : undefined) ?? Infinity);
    };
    const wakeAt = wakeAtNow();
    const waitMs = Number.isFinite(wakeAt) ? Math.max(1, wakeAt - Date.now()) : undefined;
    // A change that a handler has written and that moved no wake-up leaves the loop asleep on its timer.
    const changed = () => st.wake && (!early || mark() !== scheduled || wakeAtNow() !== wakeAt || historyFull());
    const woken = () => changed() || st.closed || st.s.replanAll;
    const interrupted = waitMs === undefined ? (await condition(woken), true) : await condition(woken, waitMs);
    if (!interrupted) {
      if (next && Date.now() >= Date.parse(next.e.at) && st.pendingEvents(next.m)[0] === next.e) await fire(next.m, next.e);
      else st.ruleCheckDue(); // the loop re-evaluates and writes the read model
    }
  }
  await condition(() => allHandlersFinished() && writing === 0);
  st.refreshStatus();
  await project();
  return st.snapshot();
}
