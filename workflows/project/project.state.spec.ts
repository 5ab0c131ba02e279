import { ApplicationFailure } from '@temporalio/common';
import type { ProjectSpec } from '../../libs/contracts/src/project';
import { DEFAULT_POLICY, DeadlineEvent, DeadlinePlan } from '../../libs/domain/src/deadline';
import { ProjectState } from './project.state';
import { validateCloseProject, validateRequestExtension, validateReviewReport, validateSubmitReport } from './project.validators';

// The project's rules without a server: a clock the test moves, plans written out by hand.
const DAY = 86_400_000;
const T0 = Date.parse('2026-11-02T09:00:00+08:00');
const DUE = '2026-11-13T18:00:00+08:00';
const after = (ms: number) => new Date(Date.parse(DUE) + ms).toISOString();

const spec = (): ProjectSpec => ({
  projectId: 'p-1', planId: 'plan-1', kind: 'generic', name: '课后服务全覆盖', leadUnitId: 'unit-1', ownerUserId: 'owner-1',
  startDate: '2026-11-01', dueDate: '2026-11-13', targets: {}, policy: DEFAULT_POLICY, createdBy: 'coordinator-1',
  milestones: [
    { id: 'm1', name: '方案报批', dueAt: DUE, weight: 1, order: 1 },
    { id: 'm2', name: '全面实施', dueAt: '2026-12-18T18:00:00+08:00', weight: 2, order: 2 },
  ],
});

const plan = (deadline: string): DeadlinePlan => ({
  deadline,
  notes: [],
  events: [
    { kind: 'warning', at: new Date(Date.parse(deadline) - 3 * DAY).toISOString(), notify: [], offset: '-P3D' },
    { kind: 'reminder', at: new Date(Date.parse(deadline) - DAY).toISOString(), notify: ['owner'], offset: '-P1D' },
    { kind: 'overdue', at: deadline, notify: ['owner'], offset: 'PT0S' },
    { kind: 'escalation', at: new Date(Date.parse(deadline) + DAY).toISOString(), level: 1, repeat: 0, notify: ['unitHead'], offset: '+P1D' },
    { kind: 'escalation', at: new Date(Date.parse(deadline) + 3 * DAY).toISOString(), level: 2, repeat: 0, notify: ['office'], offset: '+P3D' },
  ],
});

let clock = T0;
let ids = 0;
const newId = () => `id-${++ids}`;
const by = (actorId = 'coordinator-1') => ({ requestId: `request-${++ids}`, actorId });

/** A project with both milestones planned, as the workflow has it after its first pass. */
function planned(): ProjectState {
  clock = T0;
  const st = new ProjectState(ProjectState.initial(spec()), 'project-p-1', () => clock);
  st.created();
  const request = st.planRequest(st.s.milestones)!;
  st.applyPlans(request, Object.fromEntries(request.input.milestones.map((m) => [m.id, plan(m.dueAt)])), true);
  st.refreshStatus();
  return st;
}
const m1 = (st: ProjectState) => st.milestone('m1', 'milestoneId');
/** Moves the clock to each due event of the milestone in turn and fires it, as the main loop does. */
function fireUntil(st: ProjectState, instant: number): Array<DeadlineEvent['kind']> {
  const fired: Array<DeadlineEvent['kind']> = [];
  for (let next = st.nextDue(); next && Date.parse(next.e.at) <= instant; next = st.nextDue()) {
    clock = Date.parse(next.e.at);
    st.fire(next.m, next.e);
    fired.push(next.e.kind);
  }
  clock = instant;
  return fired;
}
const failureOf = (f: () => void): ApplicationFailure => {
  try {
    f();
  } catch (err) {
    if (err instanceof ApplicationFailure) return err;
    throw err;
  }
  throw new Error('expected a failure');
};
const acceptedReport = (st: ProjectState) => {
  const { report } = st.submitReport({ ...by('owner-1'), milestoneId: 'm1', figures: {}, narrative: '已完成', evidence: [] }, newId);
  st.reviewReport({ ...by(), reportId: report.id, decision: 'accept' });
  return report;
};

describe('the project state and its rules', () => {
  it('starts green with one created event and every milestone planned', () => {
    const st = planned();
    expect(st.snapshot()).toMatchObject({ status: 'green', version: 1, nextDeadline: DUE, escalationLevel: 0 });
    expect(st.s.unprojectedEvents.map((e) => e.type)).toEqual(['project.created']);
    expect(st.nextDue()).toMatchObject({ m: { id: 'm1' }, e: { kind: 'warning' } });
  });

  it('goes yellow in the warning window and red at the deadline, with the overdue notice to the owner', () => {
    const st = planned();
    expect(fireUntil(st, Date.parse(DUE) - 2 * DAY)).toEqual(['warning']);
    st.refreshStatus();
    expect(st.status.status).toBe('yellow');
    clock = Date.parse(DUE) - DAY;
    const reminder = st.fire(m1(st), st.nextDue()!.e);
    expect(reminder).toMatchObject({ kind: 'reminder', audience: ['owner'], eventKey: 'project-p-1:m1:g0:reminder:-P1D:0:0' });
    clock = Date.parse(DUE);
    const overdue = st.fire(m1(st), st.nextDue()!.e);
    expect(overdue).toMatchObject({ kind: 'overdue', data: { milestoneId: 'm1', dueAt: DUE } });
    st.refreshStatus();
    expect(m1(st).overdue).toBe(true);
    expect(st.snapshot()).toMatchObject({ status: 'red', milestones: [{ id: 'm1', overdue: true, status: 'red' }, { id: 'm2' }] });
  });

  it('raises the escalation level to 2 three days after the deadline, never back down on a later lower event', () => {
    const st = planned();
    fireUntil(st, Date.parse(after(3 * DAY)));
    expect(m1(st).escalationLevel).toBe(2);
    expect(st.snapshot().escalationLevel).toBe(2);
    const level1 = m1(st).plan!.events.find((e) => e.level === 1)!;
    st.fire(m1(st), level1);
    expect(m1(st).escalationLevel).toBe(2);
    const raised = st.s.unprojectedEvents.filter((e) => e.type === 'escalation.raised').map((e) => e.data.level);
    expect(raised).toEqual([1, 2, 1]);
  });

  it('a plan taken after its events passed keeps what they mean (overdue, level reached) without notices', () => {
    clock = Date.parse(after(3 * DAY + 1000));
    const st = new ProjectState(ProjectState.initial(spec()), 'project-p-1', () => clock);
    const request = st.planRequest(st.s.milestones)!;
    st.applyPlans(request, { m1: plan(DUE), m2: plan('2026-12-18T18:00:00+08:00') }, true);
    expect(m1(st)).toMatchObject({ overdue: true, escalationLevel: 2 });
    expect(st.pendingEvents(m1(st))).toEqual([]);
    expect(st.s.unprojectedEvents).toEqual([]);
  });

  it('drops a plan computed for a deadline that has moved since', () => {
    const st = planned();
    const stale = st.planRequest([m1(st)])!;
    const report = st.requestExtension({ ...by('owner-1'), milestoneId: 'm1', newDueAt: '2026-11-20T18:00:00+08:00', reason: '雨季' }, newId).extension;
    st.decideExtension({ ...by(), extensionId: report.id, decision: 'approve' });
    st.applyPlans(stale, { m1: plan(DUE) }, false);
    expect(m1(st).plan).toBeUndefined();
  });

  it('an approved extension moves the deadline, clears overdue and level, and asks for a new plan', () => {
    const st = planned();
    fireUntil(st, Date.parse(after(DAY)));
    expect(m1(st)).toMatchObject({ overdue: true, escalationLevel: 1 });
    const { extension, effects } = st.requestExtension({ ...by('owner-1'), milestoneId: 'm1', newDueAt: '2026-11-27T18:00:00+08:00', reason: '材料未到' }, newId);
    expect(effects?.notice).toMatchObject({ kind: 'extension', audience: ['office'] });
    const decided = st.decideExtension({ ...by(), extensionId: extension.id, decision: 'approve' });
    expect(m1(st)).toMatchObject({ dueAt: '2026-11-27T10:00:00.000Z', overdue: false, escalationLevel: 0, generation: 1, fired: [] });
    expect(decided.effects?.replans).toEqual([{ milestones: [m1(st)], skipPast: true }]);
    expect(decided.effects?.notice?.body).toBe('The new deadline is 2026-11-27T10:00:00.000Z.');
  });

  it('acceptance makes the milestone done: nothing more is due for it, and the review notice goes to the owner', () => {
    const st = planned();
    const report = acceptedReport(st);
    st.refreshStatus();
    expect(m1(st)).toMatchObject({ state: 'accepted', acceptedAt: new Date(T0).toISOString() });
    expect(st.pendingEvents(m1(st))).toEqual([]);
    expect(st.nextDue()?.m.id).toBe('m2');
    expect(st.report(report.id)?.state).toBe('accepted');
    expect(st.snapshot().metrics).toMatchObject({ milestonesAccepted: 1, milestonesTotal: 2, weightedProgress: 1 / 3 });
  });

  it('accepting after the deadline records first what was true meanwhile (overdue, level 2), then "accepted late, 3 days"', () => {
    const st = planned();
    fireUntil(st, Date.parse(DUE) - DAY); // warning and reminder handled; then nobody ran the workflow
    clock = Date.parse(after(3 * DAY + 60_000));
    const { report } = st.submitReport({ ...by('owner-1'), milestoneId: 'm1', figures: {}, narrative: '已完成', evidence: [] }, newId);
    const { effects } = st.reviewReport({ ...by(), reportId: report.id, decision: 'accept' });
    expect(m1(st)).toMatchObject({ state: 'accepted', overdue: true, escalationLevel: 2, acceptedLate: { millis: 3 * DAY + 60_000, days: 3 } });
    const events = st.s.unprojectedEvents.map((e) => [e.type, e.data.caughtUp ?? false, e.data.level ?? null]);
    expect(events.slice(-4)).toEqual([['milestone.overdue', true, null], ['escalation.raised', true, 1], ['escalation.raised', true, 2], ['report.accepted', false, null]]);
    expect(st.s.unprojectedEvents.at(-1)?.data.late).toEqual({ millis: 3 * DAY + 60_000, days: 3 });
    expect(effects?.notice?.kind).toBe('review'); // the only notice: no reminder, overdue or escalation after acceptance
    expect(st.pendingEvents(m1(st))).toEqual([]);
    expect(st.noticeMoot(m1(st))).toBe(true);
  });

  it('accepted on time: no lateness, not overdue', () => {
    const st = planned();
    acceptedReport(st);
    expect(m1(st)).toMatchObject({ overdue: false, escalationLevel: 0 });
    expect(m1(st).acceptedLate).toBeUndefined();
  });

  it('a repeated request changes nothing and asks for no I/O', () => {
    const st = planned();
    const req = { ...by('owner-1'), milestoneId: 'm1', figures: {}, narrative: '进展', evidence: [] };
    const first = st.submitReport(req, newId);
    const version = st.s.eventSeq;
    const again = st.submitReport(req, newId);
    expect(again).toEqual({ report: first.report });
    expect(st.s.eventSeq).toBe(version);
    expect(st.s.reports).toHaveLength(1);
  });

  it('amending adds a milestone and moves another: one plan each, in order', () => {
    const st = planned();
    const { effects } = st.amendMilestones({
      ...by(),
      milestones: [
        { id: 'm0', name: '前期调研', dueAt: '2026-11-06T18:00:00+08:00', weight: 1, order: 0 },
        { id: 'm2', name: '全面实施', dueAt: '2026-12-25T18:00:00+08:00', weight: 2, order: 2 },
      ],
    });
    expect(effects?.replans?.map((r) => [r.milestones.map((m) => m.id), r.skipPast])).toEqual([[['m2'], true], [['m0'], true]]);
    expect(st.s.milestones.map((m) => m.id)).toEqual(['m0', 'm1', 'm2']);
  });

  it('validators: a closed project, a return without comment, a second report waiting, an extension not later', () => {
    const st = planned();
    const { report } = st.submitReport({ ...by('owner-1'), milestoneId: 'm1', figures: {}, narrative: '进展', evidence: [] }, newId);
    expect(failureOf(() => validateReviewReport(st, { ...by(), reportId: report.id, decision: 'return' }))).toMatchObject({ type: 'ValidationError', details: [{ field: 'comment' }] });
    expect(failureOf(() => validateSubmitReport(st, { ...by('owner-1'), milestoneId: 'm1', figures: {}, narrative: '再报', evidence: [] }))).toMatchObject({ type: 'Conflict' });
    expect(failureOf(() => validateRequestExtension(st, { ...by('owner-1'), milestoneId: 'm1', newDueAt: DUE, reason: '延期' }))).toMatchObject({ type: 'ValidationError', details: [{ field: 'newDueAt' }] });
    st.close({ ...by(), reason: '项目撤销' });
    expect(failureOf(() => validateCloseProject(st, { ...by(), reason: '再次关闭' }))).toMatchObject({ type: 'Conflict', message: 'The project is closed' });
  });
  it('a stage counts as reached on the day its report states, else on the day it was submitted, not the day it was accepted', () => {
    const st = planned();
    clock = Date.parse('2026-11-10T16:00:00+08:00');
    const stated = st.submitReport({ ...by('owner-1'), milestoneId: 'm1', reachedOn: '2026-11-06', figures: {}, narrative: '已报批', evidence: [] }, newId).report;
    clock = Date.parse('2026-11-12T10:00:00+08:00');
    st.reviewReport({ ...by(), reportId: stated.id, decision: 'accept' });
    expect(m1(st)).toMatchObject({ state: 'accepted', reachedOn: '2026-11-06' });
    // Submitted late in the evening of 12-17 (Beijing), accepted on 12-21: reached on 12-17 in the plan's zone.
    clock = Date.parse('2026-12-17T23:30:00+08:00');
    const plain = st.submitReport({ ...by('owner-1'), milestoneId: 'm2', figures: {}, narrative: '已实施', evidence: [] }, newId).report;
    clock = Date.parse('2026-12-21T09:00:00+08:00');
    st.reviewReport({ ...by(), reportId: plain.id, decision: 'accept' });
    expect(st.views().find((m) => m.id === 'm2')).toMatchObject({ state: 'accepted', reachedOn: '2026-12-17' });
  });

  it('a day reached must be a real day, on a milestone, and not in the future', () => {
    const st = planned();
    clock = Date.parse('2026-11-10T09:00:00+08:00');
    const report = (extra: Record<string, unknown>) => ({ ...by('owner-1'), milestoneId: 'm1', figures: {}, narrative: '进展', evidence: [], ...extra });
    expect(failureOf(() => validateSubmitReport(st, report({ reachedOn: '2026-11-11' })))).toMatchObject({ type: 'ValidationError', details: [{ field: 'reachedOn' }] });
    expect(failureOf(() => validateSubmitReport(st, report({ reachedOn: '11/09/2026' })))).toMatchObject({ type: 'ValidationError', details: [{ field: 'reachedOn' }] });
    expect(failureOf(() => validateSubmitReport(st, report({ milestoneId: undefined, reachedOn: '2026-11-09' })))).toMatchObject({ type: 'ValidationError', details: [{ field: 'reachedOn' }] });
    expect(() => validateSubmitReport(st, report({ reachedOn: '2026-11-10' }))).not.toThrow();
  });

  it('a project brought in under way starts with its past stages accepted on their days: nothing to remind, nothing late', () => {
    clock = T0;
    const s = spec();
    s.milestones[0] = { ...s.milestones[0], dueAt: '2026-10-20T23:59:59+08:00', reachedOn: '2026-10-20' };
    const st = new ProjectState(ProjectState.initial(s), 'project-p-1', () => clock);
    st.created();
    expect(m1(st)).toMatchObject({ state: 'accepted', reachedOn: '2026-10-20', overdue: false });
    expect(m1(st).acceptedLate).toBeUndefined();
    expect(st.pendingEvents(m1(st))).toEqual([]);
    expect(st.acceptedMilestoneIds()).toEqual(['m1']);
  });
  it('a write that ends after the extension was decided forgets the request, not the decision: the decision is still to be written', () => {
    const st = planned();
    const { extension } = st.requestExtension({ ...by('owner-1'), milestoneId: 'm1', newDueAt: '2026-11-20T18:00:00+08:00', reason: '雨季' }, newId);
    const requested = st.projection();
    expect(requested.input.extensions.map((x) => x.state)).toEqual(['pending']);
    st.decideExtension({ ...by(), extensionId: extension.id, decision: 'approve' });
    requested.written();
    expect(st.hasUnprojected).toBe(true);
    const decided = st.projection();
    expect(decided.input.extensions.map((x) => [x.id, x.state])).toEqual([[extension.id, 'approved']]);
    decided.written();
    expect(st.projection().input.extensions).toEqual([]);
  });
});
