import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ProjectActivities } from '../../activities/project/project.activities.interface';
import type { RectificationActivities, RectificationNotice } from '../../activities/rectification/rectification.activities.interface';
import type { DeadlineEvent, DeadlinePlan } from '../../libs/domain/src/deadline';
import { escalate } from '../../libs/domain/src/deadline/escalation';
import { deadlineEventId, nextDeadlineEvent, nowIso, pendingDeadlineEvents, skipPastDeadlineEvents } from '../shared/deadline-events';
import { RETRY_UNTIL_DONE } from '../shared/retry';
import { fail, FAILURE_TYPES } from '../shared/failure';
import { pushBounded, REPEATS_PER_PLAN } from '../shared/requests';
import {
  answerRectificationUpdate, RectificationEntry, RectificationSnapshot, RectificationState, rectificationSnapshotQuery,
  rectificationSyncUpdate, RectificationWorkflowInput, rectificationWorkflowId, verifyRectificationUpdate,
} from './rectification.messages';

const { planDeadlines } = proxyActivities<ProjectActivities>({ startToCloseTimeout: '30 seconds', retry: RETRY_UNTIL_DONE });
const { projectRectification, notifyRectification } = proxyActivities<RectificationActivities>({ startToCloseTimeout: '1 minute', retry: RETRY_UNTIL_DONE });

const REMEMBERED_REQUESTS = 200;

interface State {
  state: RectificationState;
  raisedAt: string;
  overdue: boolean;
  escalationLevel: number;
  plan?: DeadlinePlan;
  fired: string[];
  history: RectificationEntry[];
  version: number;
  signedOffAt?: string;
  signedOffBy?: string;
  processed: string[];
}

/**
 * One rectification item (整改): raised against a unit with a deadline, answered with evidence, verified and signed off
 * (销号) or sent back. Reminders and escalations follow the plan's deadline policy while it is the unit's turn.
 */
export async function rectificationWorkflow(input: RectificationWorkflowInput): Promise<RectificationSnapshot> {
  const { spec } = input;
  const s: State = (input.carried as State | undefined) ?? {
    state: 'raised', raisedAt: nowIso(), overdue: false, escalationLevel: 0, fired: [], history: [], version: 0, processed: [],
  };
  const workflowId = rectificationWorkflowId(spec.rectificationId);
  let ready = !!input.carried;
  let wake = false;

  const record = (entry: Omit<RectificationEntry, 'seq' | 'at'>) => {
    s.history.push({ seq: s.history.length + 1, at: nowIso(), ...entry });
    s.version += 1;
    wake = true;
  };
  const unitsTurn = () => s.state === 'raised' || s.state === 'returned';
  const snapshot = (): RectificationSnapshot => {
    const next = unitsTurn() ? pendingDeadlineEvents(s.plan, s.fired)[0] : undefined;
    return {
      spec, state: s.state, overdue: s.overdue, escalationLevel: s.escalationLevel, raisedAt: s.raisedAt,
      nextEvent: next && { kind: next.kind, at: next.at, level: next.level },
      signedOffAt: s.signedOffAt, signedOffBy: s.signedOffBy, history: s.history, version: s.version,
    };
  };
  const project = () => projectRectification(snapshot());
  const tell = (n: Omit<RectificationNotice, 'planId' | 'unitId' | 'projectId'>) =>
    notifyRectification({ ...n, planId: spec.planId, unitId: spec.unitId, projectId: spec.projectId, data: { rectificationId: spec.rectificationId, dueAt: spec.dueAt, ...n.data } });
  const remember = (requestId: string) => pushBounded(s.processed, requestId, REMEMBERED_REQUESTS);
  const seen = (requestId: string) => s.processed.includes(requestId);
  const replan = async () => {
    const plans = await planDeadlines({ policy: spec.policy, milestones: [{ id: 'rectification', dueAt: spec.dueAt }], repeatCount: REPEATS_PER_PLAN });
    s.plan = { ...plans.rectification, events: plans.rectification.events.filter((e) => e.kind !== 'warning') };
  };

  const fire = async (e: DeadlineEvent) => {
    const eventKey = `${workflowId}:${deadlineEventId(e)}`;
    const what = `"${spec.title}" (due ${spec.dueAt})`;
    if (e.kind === 'reminder') {
      record({ type: 'reminder', actor: 'system' });
      await project();
      await tell({ eventKey, audience: e.notify, kind: 'reminder', code: 'notice.rectification-reminder', params: { item: spec.title, dueAt: spec.dueAt }, title: `Reminder: rectification ${what}`, body: `Answer the rectification item ${what} with evidence before its deadline.` });
    } else if (e.kind === 'overdue') {
      s.overdue = true;
      record({ type: 'overdue', actor: 'system' });
      await project();
      await tell({ eventKey, audience: e.notify, kind: 'overdue', code: 'notice.rectification-overdue', params: { item: spec.title, dueAt: spec.dueAt }, title: `Overdue: rectification ${what}`, body: `The deadline of the rectification item ${what} has passed without an answer.` });
    } else if (e.kind === 'escalation') {
      const level = escalate(s, e);
      record({ type: 'escalation', actor: 'system', level });
      await project();
      await tell({ eventKey, audience: e.notify, kind: 'escalation', level, code: 'notice.rectification-escalation', params: { item: spec.title, dueAt: spec.dueAt, level }, title: `Escalation level ${level}: rectification ${what}`, body: `The rectification item ${what} is overdue and has been escalated to level ${level}.` });
    }
    // The top level keeps repeating until the item is answered: plan more repeats when these are used up.
    if (e.kind === 'escalation' && (e.repeat ?? 0) > 0 && pendingDeadlineEvents(s.plan, s.fired).length === 0) await replan();
  };

  setHandler(rectificationSnapshotQuery, snapshot);
  setHandler(rectificationSyncUpdate, async () => {
    await condition(() => ready);
    return snapshot();
  });

  setHandler(
    answerRectificationUpdate,
    async (req) => {
      if (seen(req.requestId)) return snapshot();
      s.state = 'answered';
      record({ type: 'answered', actor: req.actorId, narrative: req.narrative, evidence: req.evidence });
      remember(req.requestId);
      await project();
      await tell({ eventKey: `${workflowId}:answered:${s.version}`, audience: ['office'], kind: 'rectification', code: 'notice.rectification-answered', params: { item: spec.title, narrative: req.narrative }, title: `Rectification answered: ${spec.title}`, body: req.narrative });
      return snapshot();
    },
    {
      validator: (req) => {
        if (seen(req.requestId)) return;
        if (s.state === 'signed_off') fail(FAILURE_TYPES.conflict, 'The rectification item is already signed off', undefined, { code: 'conflict.rectification-signed-off', params: {} });
        if (s.state === 'answered') fail(FAILURE_TYPES.conflict, 'The rectification item is already answered and waits for verification', undefined, { code: 'conflict.rectification-answered', params: {} });
        if (!req.narrative?.trim()) fail(FAILURE_TYPES.validation, 'an answer says what was done', 'narrative', { code: 'field.narrative-needed', params: {} });
      },
    },
  );

  setHandler(
    verifyRectificationUpdate,
    async (req) => {
      if (seen(req.requestId)) return snapshot();
      if (req.decision === 'signoff') {
        s.state = 'signed_off';
        s.signedOffAt = nowIso();
        s.signedOffBy = req.actorId;
        record({ type: 'signed_off', actor: req.actorId, comment: req.comment });
      } else {
        s.state = 'returned';
        // Reminders and escalations resume from now; those that fell while the answer was being verified are not sent late.
        if (s.plan) skipPastDeadlineEvents(s.plan, s.fired);
        if (Date.now() >= Date.parse(spec.dueAt)) s.overdue = true;
        record({ type: 'returned', actor: req.actorId, comment: req.comment });
      }
      remember(req.requestId);
      await project();
      await tell({
        eventKey: `${workflowId}:${s.state}:${s.version}`, audience: ['owner'], kind: 'rectification',
        code: 'notice.rectification-decided', params: { item: spec.title, state: s.state, comment: req.comment ?? null },
        title: s.state === 'signed_off' ? `Rectification signed off: ${spec.title}` : `Rectification returned: ${spec.title}`,
        body: req.comment ?? (s.state === 'signed_off' ? 'The item is signed off (销号).' : 'The answer was sent back.'),
      });
      return snapshot();
    },
    {
      validator: (req) => {
        if (seen(req.requestId)) return;
        if (s.state !== 'answered') if (s.state === 'signed_off') fail(FAILURE_TYPES.conflict, 'The rectification item is already signed off', undefined, { code: 'conflict.rectification-signed-off', params: {} });
        else fail(FAILURE_TYPES.conflict, 'The rectification item has no answer to verify', undefined, { code: 'conflict.rectification-unanswered', params: {} });
        if (req.decision !== 'signoff' && req.decision !== 'return') fail(FAILURE_TYPES.validation, 'must be signoff or return', 'decision', { code: 'field.one-of', params: { allowed: 'signoff, return' } });
        if (req.decision === 'return' && !req.comment?.trim()) fail(FAILURE_TYPES.validation, 'a returned item needs a comment saying what is missing', 'comment', { code: 'field.return-comment-needed', params: {} });
      },
    },
  );

  if (!input.carried) {
    await replan();
    skipPastDeadlineEvents(s.plan!, s.fired);
    record({ type: 'raised', actor: spec.raisedBy, comment: spec.description });
    await project();
    await tell({
      eventKey: `${workflowId}:raised`, audience: ['owner'], kind: 'rectification', title: `Rectification item: ${spec.title}`,
      code: 'notice.rectification-raised', params: { item: spec.title, description: spec.description, dueAt: spec.dueAt },
      body: `${spec.description}\nAnswer with evidence by ${spec.dueAt}.`,
    });
  }
  ready = true;

  while (s.state !== 'signed_off') {
    wake = false;
    const e = unitsTurn() ? await nextDeadlineEvent(s.plan, s.fired, () => wake) : (await condition(() => wake), undefined);
    if (e) await fire(e);
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof rectificationWorkflow>({ spec, carried: s });
    }
  }
  await condition(allHandlersFinished);
  await project();
  return snapshot();
}
