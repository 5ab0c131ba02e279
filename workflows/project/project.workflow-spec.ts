import { WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { addWorkdays, CalendarData, mergeCalendar, rollToWorkday } from '../../libs/domain/src/calendar/calendar';
import { seedCalendarFromPackage } from '../../libs/domain/src/calendar/seed';
import { DEFAULT_POLICY, DeadlineEvent, planDeadline } from '../../libs/domain/src/deadline';
import {
  FakeProjectActivities,
  projectSpec,
  recordHistory,
  settled,
  sleepUntil,
  startTimeSkipping,
  TimeSkipping,
  until,
  withProjectWorker,
} from '../../test/helpers/time-skipping';
import {
  calendarChangedSignal,
  closeProjectUpdate,
  decideExtensionUpdate,
  requestExtensionUpdate,
  reviewReportUpdate,
  snapshotQuery,
  submitReportUpdate,
  syncUpdate,
} from './project.messages';
import { REPEATS_PER_PLAN } from '../shared/requests';
import type { projectWorkflow } from './project.workflow';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const OWNER = 'user-owner';
const COORDINATOR = 'user-coordinator';

type Project = WorkflowHandle<typeof projectWorkflow>;

/** The calendar day of an instant in Beijing time. */
const shanghaiDay = (iso: string) => new Date(Date.parse(iso) + 8 * HOUR).toISOString().slice(0, 10);
const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
let requests = 0;
const by = (actorId: string) => ({ requestId: `request-${++requests}`, actorId });

const submit = (h: Project, milestoneId: string, requestId = `request-${++requests}`) =>
  h.executeUpdate(submitReportUpdate, { args: [{ requestId, actorId: OWNER, milestoneId, figures: {}, narrative: '按计划推进，附现场照片', evidence: ['site-photo.jpg'] }] });
const review = (h: Project, reportId: string, decision: 'accept' | 'return', comment?: string) =>
  h.executeUpdate(reviewReportUpdate, { args: [{ ...by(COORDINATOR), reportId, decision, comment }] });
const rejection = async (p: Promise<unknown>): Promise<WorkflowUpdateFailedError> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) return err;
    throw err;
  }
  throw new Error('expected the update to be rejected');
};

const planOf = (calendar: CalendarData, dueAt: string, repeatCount?: number) => planDeadline({ deadline: dueAt, policy: DEFAULT_POLICY, calendar, repeatCount }).events;
const at = (events: DeadlineEvent[], kind: DeadlineEvent['kind'], offset: string) => events.find((e) => e.kind === kind && e.offset === offset)!.at;

// National Day–shaped 2027 (not yet published): Fri 10-01..Thu 10-07 off, swapped working days Sun 09-26 and Sat 10-09.
const nationalDay2027 = mergeCalendar(seedCalendarFromPackage(), {
  years: { '2027': { holidays: ['2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'], workdays: ['2027-09-26', '2027-10-09'] } },
});

describe('the project workflow on the time-skipping server', () => {
  let ts: TimeSkipping;

  beforeAll(async () => {
    ts = await startTimeSkipping();
  }, 120_000);
  afterAll(() => ts?.testEnv.teardown());

  /** 17:00 Beijing time on the first working day at least `days` ahead of server time. */
  const dueAhead = async (days: number) => {
    const day = shanghaiDay(new Date((await ts.testEnv.currentTimeMs()) + days * DAY).toISOString());
    return `${rollToWorkday(day, 'forward', seedCalendarFromPackage())}T17:00:00+08:00`;
  };

  // First in the file: server time must still be before September 2027.
  it('reminds on the right working days around a National Day–shaped holiday, counting the swapped working days', async () => {
    const fake = new FakeProjectActivities(nationalDay2027);
    const due = '2027-10-08T17:00:00+08:00'; // Friday, the first working day after the holiday
    await withProjectWorker(ts, fake, async ({ start }) => {
      const h = await start(projectSpec([{ id: 'm1', name: '秋季学期校舍安全排查', dueAt: due }]));
      await h.executeUpdate(syncUpdate);
      const reminderDays = () => fake.deadlineNotices().filter((d) => d.kind === 'reminder').map((d) => shanghaiDay(d.at));

      // Without the swapped Sunday 09-26, the fifth working day before would be Friday 09-24.
      await sleepUntil(ts, h, '2027-09-24T23:00:00+08:00');
      expect(reminderDays()).toEqual([]);
      expect((await h.query(snapshotQuery)).status).toBe('green');
      await sleepUntil(ts, h, '2027-09-26T17:01:00+08:00');
      expect(reminderDays()).toEqual(['2027-09-26']);
      expect((await h.query(snapshotQuery)).status).toBe('yellow');

      // One working day before the deadline is the last day before the holiday.
      await sleepUntil(ts, h, '2027-09-30T16:59:00+08:00');
      expect(reminderDays()).toEqual(['2027-09-26']);
      await sleepUntil(ts, h, '2027-09-30T17:01:00+08:00');
      expect(reminderDays()).toEqual(['2027-09-26', '2027-09-30']);
      expect(fake.deadlineNotices().map((d) => [d.audience, d.data.dueAt])).toEqual([['owner', due], ['owner', due]]);

      // Silence through the holiday; the first escalation lands on the swapped Saturday.
      await sleepUntil(ts, h, '2027-10-08T16:59:00+08:00');
      expect(fake.deadlineNotices()).toHaveLength(2);
      await sleepUntil(ts, h, '2027-10-09T17:01:00+08:00');
      expect(fake.deadlineNotices().slice(2).map((d) => [d.kind, d.level, d.audience, shanghaiDay(d.at)])).toEqual([
        ['overdue', undefined, 'owner', '2027-10-08'],
        ['escalation', 1, 'unitHead', '2027-10-09'],
      ]);
    });
  }, 60_000);

  it('escalates through three levels to the policy’s audiences while the light goes green → yellow → red, and replays never notify twice', async () => {
    const fake = new FakeProjectActivities();
    const due = await dueAhead(21);
    const events = planOf(fake.calendar, due);
    await withProjectWorker(
      ts,
      fake,
      async ({ start }) => {
        const h = await start(projectSpec([{ id: 'm1', name: '校舍主体完工', dueAt: due }]));
        expect(await h.executeUpdate(syncUpdate)).toMatchObject({ status: 'green', reasons: [], escalationLevel: 0 });

        const warning = at(events, 'warning', '-P5D');
        await sleepUntil(ts, h, later(warning, -MINUTE));
        expect((await h.query(snapshotQuery)).status).toBe('green');
        await sleepUntil(ts, h, later(warning, MINUTE));
        expect(await h.query(snapshotQuery)).toMatchObject({
          status: 'yellow',
          reasons: [{ code: 'deadline.approaching', milestoneId: 'm1', params: { milestone: '校舍主体完工', dueAt: expect.any(String) } }],
        });

        await sleepUntil(ts, h, later(due, MINUTE));
        const overdue = await h.query(snapshotQuery);
        expect(overdue).toMatchObject({ status: 'red', escalationLevel: 0, reasons: [{ code: 'deadline.overdue', milestoneId: 'm1', params: { milestone: '校舍主体完工', dueAt: expect.any(String) } }] });
        expect(overdue.milestones[0]).toMatchObject({ overdue: true, status: 'red' });
        expect(fake.deadlineNotices().at(-1)).toMatchObject({ kind: 'overdue', audience: 'owner' });

        const escalations = () => fake.deadlineNotices().filter((d) => d.kind === 'escalation');
        const steps = [[1, 'unitHead', '+P1D'], [2, 'office', '+P3D'], [3, 'leader', '+P7D']] as const;
        for (const [level, audience, offset] of steps) {
          const instant = at(events, 'escalation', offset);
          await sleepUntil(ts, h, later(instant, -MINUTE));
          expect(escalations()).toHaveLength(level - 1);
          await sleepUntil(ts, h, later(instant, MINUTE));
          expect(escalations()).toHaveLength(level);
          expect(escalations()[level - 1]).toMatchObject({ level, audience });
          expect(shanghaiDay(escalations()[level - 1].at)).toBe(shanghaiDay(instant));
          expect(await h.query(snapshotQuery)).toMatchObject({ status: 'red', escalationLevel: level, milestones: [{ escalationLevel: level }] });
        }
        // Without a workflow cache every activation replayed the whole history: still one call per notification.
        expect(fake.notifyCalls).toHaveLength(fake.delivered.length);
        expect(fake.delivered.map((d) => d.kind)).toEqual(['reminder', 'reminder', 'overdue', 'escalation', 'escalation', 'escalation']);
      },
      { maxCachedWorkflows: 0 },
    );
  }, 60_000);

  it('stops every reminder and escalation on acceptance; the project is done once every milestone is accepted', async () => {
    const fake = new FakeProjectActivities();
    const [due1, due2] = [await dueAhead(21), await dueAhead(90)];
    const first = planOf(fake.calendar, due1);
    await withProjectWorker(ts, fake, async ({ start }) => {
      const h = await start(projectSpec([{ id: 'm1', name: '选址立项', dueAt: due1 }, { id: 'm2', name: '竣工验收', dueAt: due2 }]));
      await h.executeUpdate(syncUpdate);
      await sleepUntil(ts, h, later(at(first, 'escalation', '+P1D'), MINUTE));
      expect(fake.deadlineNotices('m1').map((d) => d.kind)).toEqual(['reminder', 'reminder', 'overdue', 'escalation']);

      const { project } = await review(h, (await submit(h, 'm1')).report.id, 'accept');
      expect(project).toMatchObject({ status: 'green', reasons: [], escalationLevel: 0 });
      expect(project.milestones[0]).toMatchObject({ state: 'accepted', status: 'done' });
      const acceptedAt = await ts.testEnv.currentTimeMs();

      // Past where levels 2 and 3 and a repeat would have come.
      await sleepUntil(ts, h, later(at(first, 'escalation', '+P7D'), 10 * DAY));
      expect(fake.deadlineNotices('m1')).toHaveLength(4);

      const done = await review(h, (await submit(h, 'm2')).report.id, 'accept');
      expect(done.project).toMatchObject({ status: 'done', reasons: [], metrics: { milestonesAccepted: 2, milestonesTotal: 2, weightedProgress: 1 } });
      expect(done.project.nextDeadline).toBeUndefined();
      await sleepUntil(ts, h, later(due2, 180 * DAY));
      expect(fake.deadlineNotices().filter((d) => Date.parse(d.at) > acceptedAt)).toEqual([]);
      expect(fake.snapshot?.status).toBe('done');
    });
  }, 60_000);

  it('answers a report while the read model stalls, with what to write; the workflow writes it once, after', async () => {
    const fake = new FakeProjectActivities();
    const due = await dueAhead(30);
    await withProjectWorker(ts, fake, async ({ start }) => {
      const h = await start(projectSpec([{ id: 'm1', name: '校舍主体完工', dueAt: due }]));
      await h.executeUpdate(syncUpdate);
      await settled(ts, h);
      const before = fake.projections;
      let release!: () => void;
      fake.hold = new Promise<void>((r) => (release = r));
      const answered = await submit(h, 'm1');
      // The caller (the API) writes this before it answers; the workflow's own write is still held.
      expect(answered.projection?.reports.map((r) => r.id)).toEqual([answered.report.id]);
      expect(answered.projection?.snapshot).toEqual(answered.project);
      expect(answered.projection?.events.map((e) => e.type)).toContain('report.submitted');
      expect(fake.reports.has(answered.report.id)).toBe(false);
      fake.hold = undefined;
      release();
      await settled(ts, h);
      expect(fake.reports.get(answered.report.id)).toMatchObject({ state: 'submitted', milestoneId: 'm1' });
      expect(fake.snapshot?.version).toBe(answered.project.version);
      // One write for the change: the main loop does not write it again.
      expect(fake.projections - before).toBe(1);
      if (process.env.RECORD_HISTORIES === '1') recordHistory('report-while-read-model-stalls.time-skipping', h.workflowId, ts);
    });
  }, 60_000);

  it('turns a rotation red in the read model when its check date passes with too few rotated, with no change to trigger it', async () => {
    const fake = new FakeProjectActivities();
    const due = await dueAhead(60);
    const checkDate = (await dueAhead(10)).slice(0, 10);
    await withProjectWorker(ts, fake, async ({ start }) => {
      const h = await start(projectSpec([{ id: 'm1', name: '教师交流轮岗名单报送', dueAt: due }], DEFAULT_POLICY, { kind: 'teacher_rotation', targets: { checkDate } }));
      await h.executeUpdate(syncUpdate);
      const { report } = await h.executeUpdate(submitReportUpdate, { args: [{ requestId: `request-${++requests}`, actorId: OWNER, figures: { eligible: 100, rotated: 9, rotatedBackbone: 2 }, narrative: '已交流9名', evidence: [] }] });
      await review(h, report.id, 'accept');
      await settled(ts, h);
      expect(fake.snapshot?.status).toBe('yellow');
      await sleepUntil(ts, h, later(`${checkDate}T00:00:00+08:00`, 2 * DAY));
      await until(() => fake.snapshot?.status === 'red', () => `the read model to turn red (it shows ${fake.snapshot?.status})`);
      expect(fake.events.filter((e) => e.type === 'status.changed').at(-1)?.data).toMatchObject({ from: 'yellow', to: 'red' });
    });
  }, 60_000);

  it('starts on the plan its creator computed, without asking for one, and reminds on it', async () => {
    const fake = new FakeProjectActivities();
    const due = await dueAhead(21);
    const spec = projectSpec([{ id: 'm1', name: '新建校舍竣工验收', dueAt: due }]);
    const input = { policy: spec.policy, milestones: [{ id: 'm1', dueAt: due }], repeatCount: REPEATS_PER_PLAN };
    const result = { m1: planDeadline({ deadline: due, policy: spec.policy, calendar: fake.calendar, repeatCount: REPEATS_PER_PLAN }) };
    await withProjectWorker(ts, fake, async ({ start }) => {
      const h = await start(spec, { input, result });
      const started = await h.executeUpdate(syncUpdate);
      expect(fake.plans).toEqual([]);
      expect(started.projection?.snapshot.version).toBe(started.version);
      expect(started.milestones[0].nextEvent).toMatchObject({ at: result.m1.events[0].at, kind: result.m1.events[0].kind });
      await sleepUntil(ts, h, later(at(result.m1.events, 'reminder', '-P5D'), MINUTE));
      expect(fake.deadlineNotices('m1').map((d) => d.kind)).toContain('reminder');
      if (process.env.RECORD_HISTORIES === '1') recordHistory('started-on-given-plan.time-skipping', h.workflowId, ts);
    });
  }, 60_000);

  it('writes no deadline notice for a milestone accepted while that event was being recorded, and keeps the fact', async () => {
    const fake = new FakeProjectActivities();
    const due = await dueAhead(21);
    // The second reminder: the warning and the first reminder are already handled by then.
    const reminderAt = at(planOf(fake.calendar, due), 'reminder', '-P1D');
    await withProjectWorker(ts, fake, async ({ start }) => {
      const h = await start(projectSpec([{ id: 'm1', name: '校舍抗震加固', dueAt: due }]));
      await h.executeUpdate(syncUpdate);
      const { report } = await submit(h, 'm1');
      await sleepUntil(ts, h, later(reminderAt, -MINUTE));
      // The read model stalls just as the first reminder falls due; the acceptance arrives meanwhile.
      let release!: () => void;
      fake.hold = new Promise<void>((r) => (release = r));
      const before = fake.projections;
      await ts.testEnv.sleep(Date.parse(reminderAt) - (await ts.testEnv.currentTimeMs()));
      await until(() => fake.projections > before, () => 'the reminder to reach the read model');
      // The acceptance is answered at once; the API writes what the answer carries before it answers, so the read
      // model shows the acceptance while the reminder's own write is still held.
      const { project, projection } = await review(h, report.id, 'accept');
      expect(projection).toBeDefined();
      fake.callerWrites(projection!);
      fake.hold = undefined;
      release();
      expect(project.milestones[0]).toMatchObject({ state: 'accepted', overdue: false });
      await settled(ts, h);
      expect(fake.events.map((e) => e.type)).toEqual(expect.arrayContaining(['reminder.sent', 'report.accepted']));
      expect(fake.events.filter((e) => e.type === 'reminder.sent').map((e) => e.data.offset)).toEqual(['-P5D', '-P1D']);
      expect(fake.deadlineNotices('m1').map((d) => d.eventKey.split(':').slice(-4, -2).join(':'))).toEqual(['reminder:-P5D']);
      if (process.env.RECORD_HISTORIES === '1') recordHistory('notice-after-acceptance.one-activity.time-skipping', h.workflowId, ts);
    });
  }, 60_000);

  it('moves every timer on an approved extension: the old deadline stays silent, the new one reminds and escalates', async () => {
    const fake = new FakeProjectActivities();
    const [oldDue, newDue] = [await dueAhead(21), await dueAhead(50)];
    const [before, after] = [planOf(fake.calendar, oldDue), planOf(fake.calendar, newDue)];
    await withProjectWorker(ts, fake, async ({ start }) => {
      const h = await start(projectSpec([{ id: 'm1', name: '薄弱校改造', dueAt: oldDue }]));
      await h.executeUpdate(syncUpdate);
      await sleepUntil(ts, h, later(at(before, 'reminder', '-P5D'), MINUTE));
      expect(fake.deadlineNotices()).toHaveLength(1);

      const { extension } = await h.executeUpdate(requestExtensionUpdate, { args: [{ ...by(OWNER), milestoneId: 'm1', newDueAt: newDue, reason: '受汛期影响工期顺延' }] });
      const { project } = await h.executeUpdate(decideExtensionUpdate, { args: [{ ...by(COORDINATOR), extensionId: extension.id, decision: 'approve' }] });
      const moved = project.milestones[0].dueAt;
      expect(Date.parse(moved)).toBe(Date.parse(newDue));
      expect(project.status).toBe('green');

      // By now the old deadline's last reminder, its overdue notice and all three escalations would have come.
      await sleepUntil(ts, h, later(at(before, 'escalation', '+P7D'), HOUR));
      expect(fake.deadlineNotices()).toHaveLength(1);
      expect((await h.query(snapshotQuery)).status).toBe('green');

      await sleepUntil(ts, h, later(at(after, 'escalation', '+P1D'), MINUTE));
      expect(fake.deadlineNotices().slice(1).map((d) => [d.kind, d.audience, shanghaiDay(d.at), d.data.dueAt])).toEqual([
        ['reminder', 'owner', shanghaiDay(at(after, 'reminder', '-P5D')), moved],
        ['reminder', 'owner', shanghaiDay(at(after, 'reminder', '-P1D')), moved],
        ['overdue', 'owner', shanghaiDay(newDue), moved],
        ['escalation', 'unitHead', shanghaiDay(at(after, 'escalation', '+P1D')), moved],
      ]);
    });
  }, 60_000);

  it('re-opens the milestone on a returned report: yellow with report.returned until submitted again and accepted', async () => {
    const fake = new FakeProjectActivities();
    const due = await dueAhead(60);
    await withProjectWorker(ts, fake, async ({ start }) => {
      const h = await start(projectSpec([{ id: 'm1', name: '课后服务覆盖率达标', dueAt: due }]));
      await h.executeUpdate(syncUpdate);
      const first = await submit(h, 'm1');
      expect(first.project.milestones[0].state).toBe('submitted');

      const returned = await review(h, first.report.id, 'return', '缺少学校签章的统计表');
      expect(returned.report).toMatchObject({ state: 'returned', reviewComment: '缺少学校签章的统计表' });
      expect(returned.project).toMatchObject({ status: 'yellow', reasons: [{ code: 'report.returned', milestoneId: 'm1' }] });
      expect(returned.project.milestones[0]).toMatchObject({ state: 'returned', status: 'yellow' });
      // The answer comes first; the notice follows once the workflow's write of the read model is done.
      await until(() => fake.delivered.some((d) => d.kind === 'review'), () => 'the review notice');
      expect(fake.delivered.filter((d) => d.kind === 'review')).toEqual([expect.objectContaining({ audience: 'owner', data: expect.objectContaining({ reportId: first.report.id }) })]);

      const again = await submit(h, 'm1');
      expect(again.report.id).not.toBe(first.report.id);
      expect(again.project).toMatchObject({ status: 'green', reasons: [], milestones: [{ state: 'submitted' }] });
      const accepted = await review(h, again.report.id, 'accept');
      expect(accepted.project).toMatchObject({ status: 'done', milestones: [{ state: 'accepted' }] });
      await settled(ts, h);
      expect([...fake.reports.values()].map((r) => [r.id, r.state])).toEqual([[first.report.id, 'returned'], [again.report.id, 'accepted']]);
    });
  }, 60_000);

  it('completes when closed mid-escalation and notifies no one afterwards', async () => {
    const fake = new FakeProjectActivities();
    const due = await dueAhead(21);
    await withProjectWorker(ts, fake, async ({ start }) => {
      const h = await start(projectSpec([{ id: 'm1', name: '集团化办学试点', dueAt: due }]));
      await h.executeUpdate(syncUpdate);
      await sleepUntil(ts, h, later(at(planOf(fake.calendar, due), 'escalation', '+P1D'), MINUTE));
      expect((await h.query(snapshotQuery)).escalationLevel).toBe(1);
      const sent = fake.deadlineNotices().length;

      const closed = await h.executeUpdate(closeProjectUpdate, { args: [{ ...by(COORDINATOR), reason: '并入全区集团化办学统筹推进' }] });
      expect(closed).toMatchObject({ status: 'closed', reasons: [], escalationLevel: 0, closedAt: expect.any(String) });
      // Not h.result(): awaiting it lets the test server jump to the next timer anywhere on it.
      await until(async () => (await h.describe()).status.name === 'COMPLETED', () => 'the workflow to complete');
      await ts.testEnv.sleep(90 * DAY);
      expect(fake.deadlineNotices()).toHaveLength(sent);
      expect(fake.delivered.filter((d) => d.kind === 'closed').map((d) => d.audience)).toEqual(['owner']);
      expect(fake.snapshot).toMatchObject({ status: 'closed', escalationLevel: 0 });
    });
  }, 60_000);

  it('continues as new past its history limit and keeps milestones, reports, escalation levels and timers', async () => {
    const fake = new FakeProjectActivities();
    const [near, far] = [await dueAhead(21), await dueAhead(60)];
    const [nearEvents, farEvents] = [planOf(fake.calendar, near), planOf(fake.calendar, far)];
    await withProjectWorker(ts, fake, async ({ start }) => {
      const spec = projectSpec([{ id: 'm1', name: '教师轮岗方案', dueAt: far }, { id: 'm2', name: '轮岗名单公示', dueAt: near }], DEFAULT_POLICY, { historyLimit: 60 });
      const h = await start(spec);
      const firstRunId = h.firstExecutionRunId;
      await h.executeUpdate(syncUpdate);
      await sleepUntil(ts, h, later(at(nearEvents, 'escalation', '+P1D'), MINUTE));

      // Return and resubmit until the history passes its limit.
      let requestId = 'resubmission-0';
      let waiting = await submit(h, 'm1', requestId);
      for (let round = 1; round <= 10 && (await h.describe()).runId === firstRunId; round++) {
        await review(h, waiting.report.id, 'return', `第${round}次退回：请补充名单`);
        requestId = `resubmission-${round}`;
        waiting = await submit(h, 'm1', requestId);
      }
      await settled(ts, h);
      expect((await h.describe()).runId).not.toBe(firstRunId);
      expect((await ts.testEnv.client.workflow.getHandle(h.workflowId, firstRunId).describe()).status.name).toBe('CONTINUED_AS_NEW');

      const snap = await h.query(snapshotQuery);
      expect(snap).toMatchObject({ status: 'red', escalationLevel: 1 });
      expect(snap.milestones).toMatchObject([
        { id: 'm1', state: 'submitted', escalationLevel: 0 },
        { id: 'm2', state: 'pending', overdue: true, escalationLevel: 1 },
      ]);
      // The waiting report and the request ids came over too.
      const resent = await submit(h, 'm1', requestId);
      expect(resent.report.id).toBe(waiting.report.id);
      const returned = await review(h, waiting.report.id, 'return', '请补充公示截图');
      expect(returned.project.milestones[0].state).toBe('returned');

      // Timers keep firing in the new run, without repeating what the old one sent.
      await sleepUntil(ts, h, later(at(nearEvents, 'escalation', '+P3D'), MINUTE));
      expect(fake.deadlineNotices('m2').at(-1)).toMatchObject({ kind: 'escalation', level: 2, audience: 'office' });
      await sleepUntil(ts, h, later(at(farEvents, 'reminder', '-P5D'), MINUTE));
      expect(fake.deadlineNotices('m1').map((d) => [d.kind, shanghaiDay(d.at)])).toEqual([['reminder', shanghaiDay(at(farEvents, 'reminder', '-P5D'))]]);
      expect(fake.notifyCalls).toHaveLength(fake.delivered.length);
    });
  }, 60_000);

  it('answers the same request id twice with the same report and keeps one report', async () => {
    const fake = new FakeProjectActivities();
    const due = await dueAhead(60);
    await withProjectWorker(ts, fake, async ({ start }) => {
      const h = await start(projectSpec([{ id: 'm1', name: '学位供给', dueAt: due }]));
      await h.executeUpdate(syncUpdate);
      const a = await submit(h, 'm1', 'submit-once');
      const b = await submit(h, 'm1', 'submit-once');
      expect(b.report.id).toBe(a.report.id);
      const accept = { requestId: 'review-once', actorId: COORDINATOR, reportId: a.report.id, decision: 'accept' as const };
      await h.executeUpdate(reviewReportUpdate, { args: [accept] });
      expect((await h.executeUpdate(reviewReportUpdate, { args: [accept] })).report).toMatchObject({ id: a.report.id, state: 'accepted' });
      await settled(ts, h);
      expect([...fake.reports.keys()]).toEqual([a.report.id]);
      expect(fake.events.filter((e) => e.type === 'report.submitted' || e.type === 'report.accepted').map((e) => e.type)).toEqual(['report.submitted', 'report.accepted']);
      expect(fake.notifyCalls.filter((n) => n.kind === 'review')).toHaveLength(1);
    });
  }, 60_000);

  it('rejects bad input in validators, before it reaches history', async () => {
    const fake = new FakeProjectActivities();
    const due = await dueAhead(60);
    await withProjectWorker(ts, fake, async ({ start }) => {
      const h = await start(projectSpec([{ id: 'm1', name: '督导评估', dueAt: due }]));
      await h.executeUpdate(syncUpdate);
      const acceptedUpdates = async () => (await h.fetchHistory()).events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
      const before = await acceptedUpdates();

      const unknown = await rejection(submit(h, 'no-such-milestone'));
      expect(unknown.cause).toMatchObject({ type: 'NotFound', details: [{ field: 'milestoneId' }] });
      const { report } = await submit(h, 'm1');
      const noComment = await rejection(review(h, report.id, 'return', '   '));
      expect(noComment.cause).toMatchObject({ type: 'ValidationError', details: [{ field: 'comment' }] });
      // A far-future date is refused at once, before it reaches the planner (which would refuse it too).
      const farFuture = await rejection(h.executeUpdate(requestExtensionUpdate, { args: [{ ...by(OWNER), milestoneId: 'm1', newDueAt: '9999-12-31T17:00:00+08:00', reason: '无限期' }] }));
      expect(farFuture.cause).toMatchObject({ type: 'ValidationError', details: [{ field: 'newDueAt' }] });

      expect(await acceptedUpdates()).toBe(before + 1); // only the valid submission
      await settled(ts, h);
      expect(fake.events.map((e) => e.type)).not.toContain('report.returned');
      expect(fake.reports.get(report.id)?.state).toBe('submitted');
    });
  }, 60_000);

  it('repeats the top escalation level every repeatEvery until acceptance', async () => {
    const fake = new FakeProjectActivities();
    const due = await dueAhead(21);
    // More repeats than the workflow plans at once, so it must plan more on the way.
    const top = planOf(fake.calendar, due, 14).filter((e) => e.level === 3);
    await withProjectWorker(ts, fake, async ({ start }) => {
      const h = await start(projectSpec([{ id: 'm1', name: '教育信息化达标', dueAt: due }]));
      await h.executeUpdate(syncUpdate);
      await sleepUntil(ts, h, later(top.at(-1)!.at, MINUTE));
      const leader = () => fake.deadlineNotices().filter((d) => d.level === 3);
      expect(leader().map((d) => [d.audience, d.data.repeat, shanghaiDay(d.at)])).toEqual(top.map((e) => ['leader', e.repeat, shanghaiDay(e.at)]));
      expect(new Set(leader().map((d) => d.eventKey)).size).toBe(15);

      await review(h, (await submit(h, 'm1')).report.id, 'accept');
      await sleepUntil(ts, h, later(top.at(-1)!.at, 60 * DAY));
      expect(leader()).toHaveLength(15);
    });
  }, 60_000);

  it('re-plans on calendarChanged: a reminder day made a day off moves the reminder to the working day before', async () => {
    const fake = new FakeProjectActivities();
    const due = await dueAhead(21);
    const events = planOf(fake.calendar, due);
    const [p5, p1] = [at(events, 'reminder', '-P5D'), at(events, 'reminder', '-P1D')];
    await withProjectWorker(ts, fake, async ({ start }) => {
      const h = await start(projectSpec([{ id: 'm1', name: '家校共育平台上线', dueAt: due }]));
      await h.executeUpdate(syncUpdate);
      await sleepUntil(ts, h, later(p5, MINUTE));
      const reminders = () => fake.deadlineNotices().filter((d) => d.kind === 'reminder');
      expect(reminders()).toHaveLength(1);

      const dayOff = shanghaiDay(p1);
      fake.calendar = mergeCalendar(fake.calendar, { overrides: { [dayOff]: 'off' } });
      await h.signal(calendarChangedSignal);
      await until(() => fake.events.some((e) => e.type === 'calendar.replanned'), () => 'the calendar.replanned event');
      const moved = at(planOf(fake.calendar, due), 'reminder', '-P1D');
      expect(shanghaiDay(moved)).toBe(addWorkdays(dayOff, -1, fake.calendar));

      await sleepUntil(ts, h, later(moved, MINUTE));
      expect(reminders().map((d) => shanghaiDay(d.at))).toEqual([shanghaiDay(p5), shanghaiDay(moved)]);
      await sleepUntil(ts, h, later(p1, MINUTE));
      expect(reminders()).toHaveLength(2); // nothing on the day made off, and the first reminder not sent again
    });
  }, 60_000);
});
