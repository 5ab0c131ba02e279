import { DateTime } from 'luxon';
import { useTestStack } from '../helpers/test-stack';

// A project-level testTimeout in jest.config.js does not reach hooks (jest 29 reads it globally only).
jest.setTimeout(120_000);

/** A day relative to today in the plans' zone, so the verdicts do not depend on when the test runs. */
const day = (days: number) => DateTime.now().setZone('Asia/Shanghai').plus({ days }).toISODate()!;
const codes = (project: { statusReasons: Array<{ code: string }> }) => project.statusReasons.map((r) => r.code);

describe('project kinds end to end: targets, reported figures, status and reasons', () => {
  const { stack, org } = useTestStack();

  const create = async (body: Record<string, unknown>) =>
    (
      await stack.http
        .post('/api/projects')
        .set('Authorization', org.coordinator)
        .send({ planId: org.planId, leadUnitId: org.districtId, ownerUserId: org.ownerId, startDate: day(-30), dueDate: day(300), ...body })
        .expect(201)
    ).body;
  const submit = async (projectId: string, body: Record<string, unknown>) =>
    (await stack.http.post(`/api/projects/${projectId}/reports`).set('Authorization', org.owner).send({ narrative: '进展情况', ...body }).expect(201)).body.report;
  const review = (reportId: string, decision: 'accept' | 'return' = 'accept', comment?: string) =>
    stack.http.post(`/api/reports/${reportId}/review`).set('Authorization', org.coordinator).send({ decision, comment });
  /** The owner reports, the coordinator accepts; returns the project as the API shows it afterwards. */
  const reportAccepted = async (projectId: string, body: Record<string, unknown>) => (await review((await submit(projectId, body)).id).expect(200)).body.project;

  describe('teacher_rotation: at least 10% of eligible teachers, at least 20% of them backbone', () => {
    it('exactly 10 of 100 rotated with exactly 2 backbone teachers meets both rules: green', async () => {
      const p = await create({ kind: 'teacher_rotation', name: '2026—2027学年教师交流轮岗', targets: { checkDate: day(60) } });
      const after = await reportAccepted(p.id, { figures: { eligible: 100, rotated: 10, rotatedBackbone: 2 } });
      expect(after.status).toBe('green');
      expect(codes(after)).toContain('rotation.rules-met');
      expect(after.metrics.rules).toMatchObject({ rotationRate: 0.1, backboneShare: 0.2, requiredRotated: 10, requiredBackbone: 2 });
    });

    it('9 of 100 before the check date is at risk: yellow, saying one more teacher must rotate', async () => {
      const p = await create({ kind: 'teacher_rotation', name: '金水区教师交流轮岗', targets: { checkDate: day(60) } });
      const after = await reportAccepted(p.id, { figures: { eligible: 100, rotated: 9, rotatedBackbone: 2 } });
      expect(after.status).toBe('yellow');
      const reason = after.statusReasons.find((r: { code: string }) => r.code === 'rotation.rate-below-minimum');
      expect(reason.params).toMatchObject({ rotated: 9, eligible: 100, missing: 1, minRate: 0.1 });
      expect(reason.message).toMatch(/^轮岗比例9\.0%，低于10%的要求（符合条件教师100名，已轮岗9名，至少需10名，还差1名；/);
      expect(after.metrics.rules).toMatchObject({ missingRotated: 1 });
    });

    it('9 of 100 once the check date has come is a failed rule: red', async () => {
      const p = await create({ kind: 'teacher_rotation', name: '2025—2026学年教师交流轮岗', targets: { checkDate: day(-1) } });
      const after = await reportAccepted(p.id, { figures: { eligible: 100, rotated: 9, rotatedBackbone: 2 } });
      expect(after.status).toBe('red');
      expect(codes(after)).toContain('rotation.rate-below-minimum');
    });

    it('refuses figures that cannot be true, naming the field, and records nothing', async () => {
      const p = await create({ kind: 'teacher_rotation', name: '管城区教师交流轮岗', targets: { checkDate: day(60) } });
      const res = await stack.http.post(`/api/projects/${p.id}/reports`).set('Authorization', org.owner).send({ narrative: 'x', figures: { eligible: 10, rotated: 11, rotatedBackbone: 0 } }).expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'figures.rotated' })]);
      expect((await stack.http.get(`/api/projects/${p.id}/reports`).set('Authorization', org.owner).expect(200)).body).toEqual([]);
    });
  });

  describe('indicator: each measurement against the threshold and its direction', () => {
    it('group-schooling coverage 0.84 against ≥ 0.85 is red; a later 0.85 exactly is green', async () => {
      const p = await create({ kind: 'indicator', name: '集团化办学覆盖率', targets: { threshold: 0.85, direction: '>=' } });
      const low = await reportAccepted(p.id, { figures: { value: 0.84, measuredAt: day(-3) } });
      expect(low.status).toBe('red');
      expect(codes(low)).toContain('indicator.below-threshold');
      expect(low.metrics.rules.latest).toEqual({ value: 0.84, measuredAt: day(-3) });
      const met = await reportAccepted(p.id, { figures: { value: 0.85 } });
      expect(met.status).toBe('green');
      expect(codes(met)).toContain('indicator.met');
    });

    it('0.84 before the check date is only at risk: yellow', async () => {
      const p = await create({ kind: 'indicator', name: '适龄残疾儿童少年入学率', targets: { threshold: 0.85, direction: '>=', checkDate: day(30) } });
      const after = await reportAccepted(p.id, { figures: { value: 0.84 } });
      expect(after.status).toBe('yellow');
      expect(codes(after)).toContain('indicator.below-threshold');
    });
  });

  it('training_quota: behind the pro-rated expectation is yellow, catching up is green', async () => {
    // Half of the period has passed: about 4,500 of 9,000 person-times are expected by now.
    const p = await create({
      kind: 'training_quota',
      name: '教师五级培训',
      targets: {
        start: day(-182), end: day(182), personTimes: { county: 6000, school: 3000 }, totalPersonTimes: 9000,
        hoursCycle: { hoursPerTeacher: 360, start: day(-730), end: day(1095) },
      },
    });
    const behind = await reportAccepted(p.id, { figures: { personTimes: { county: 2000, school: 1000 }, averageHoursPerTeacher: 150 } });
    expect(behind.status).toBe('yellow');
    expect(codes(behind)).toContain('training.behind-schedule');
    expect(behind.metrics.rules.levels).toContainEqual(expect.objectContaining({ level: 'total', actual: 3000, target: 9000 }));
    expect(behind.metrics.rules.hours).toMatchObject({ actualAverage: 150, hoursPerTeacher: 360 });
    const caughtUp = await reportAccepted(p.id, { figures: { personTimes: { county: 3300, school: 1700 } } });
    expect(caughtUp.status).toBe('green');
    expect(caughtUp.metrics.rules.levels).toContainEqual(expect.objectContaining({ level: 'total', actual: 5000 }));
  });

  it('generic: a milestone past its deadline is red until its report is accepted', async () => {
    const p = await create({ kind: 'generic', name: '出台学校美育工作实施方案', startDate: day(-60), dueDate: day(-2), milestones: [{ id: 'scheme', name: '印发实施方案', dueDate: day(-2) }] });
    expect(p.status).toBe('red');
    expect(codes(p)).toContain('deadline.overdue');
    const after = await reportAccepted(p.id, { milestoneId: 'scheme' });
    expect(after.status).toBe('done');
  });

  describe('school_construction and the portfolio targets of its plan', () => {
    let planId: string;
    let school: { id: string };

    beforeAll(async () => {
      const plan = await stack.http
        .post('/api/plans')
        .set('Authorization', org.coordinator)
        .send({
          name: '新建改扩建中小学',
          year: DateTime.now().year,
          portfolioTargets: [
            { id: 'opened', name: '新建改扩建学校投入使用', kind: 'school_construction', count: 2, startDate: day(-300), byDate: day(30) },
            { id: 'seats', name: '新增学位', kind: 'school_construction', stage: 'opening', sumOf: { field: 'seatsDelivered', target: 1500 }, startDate: day(-300), byDate: day(30) },
            { id: 'rotation', name: '交流轮岗完成', kind: 'teacher_rotation', count: 1, startDate: day(-100), byDate: day(-1) },
          ],
        })
        .expect(201);
      planId = plan.body.id;
      school = await create({
        kind: 'school_construction', planId, name: '新建中牟县第三初级中学', startDate: day(0), dueDate: day(720),
        targets: { seatsPlanned: 1500, classesPlanned: 30, investmentPlanned: 120_000_000 },
      });
    });

    it('a school gets its seven stages as ordered milestones ending on the opening day', async () => {
      const got = (await stack.http.get(`/api/projects/${school.id}`).set('Authorization', org.coordinator).expect(200)).body;
      expect(got.milestones.map((m: { id: string }) => m.id)).toEqual(['approval', 'design', 'tendering', 'construction_start', 'topping_out', 'completion_acceptance', 'opening']);
      expect(DateTime.fromISO(got.milestones[6].dueAt).setZone('Asia/Shanghai').toISODate()).toBe(day(720));
      expect(got.status).toBe('green');
    });

    it('shows each portfolio target with achieved, target and its own status on the plan', async () => {
      const plan = (await stack.http.get(`/api/plans/${planId}`).set('Authorization', org.leader).expect(200)).body;
      expect(plan.portfolio).toEqual([
        expect.objectContaining({ id: 'opened', achieved: 0, target: 2, status: 'yellow', reasons: [expect.objectContaining({ code: 'portfolio.behind-pace' })] }),
        expect.objectContaining({ id: 'seats', achieved: 0, target: 1500, status: 'yellow' }),
        // No rotation project is in this plan: missed, and the target says its selection is empty.
        expect.objectContaining({
          id: 'rotation', achieved: 0, target: 1, status: 'red', selected: 0,
          reasons: [expect.objectContaining({ code: 'portfolio.missed' }), expect.objectContaining({ code: 'portfolio.empty-selection' })],
        }),
      ]);
    });

    it('refuses to accept topping-out before construction start with 409 and says why; in order it opens, more seats than planned are fine', async () => {
      for (const stage of ['approval', 'design', 'tendering']) await reportAccepted(school.id, { milestoneId: stage });
      const early = await submit(school.id, { milestoneId: 'topping_out' });
      const refused = await review(early.id).expect(409);
      expect(refused.body).toMatchObject({ code: 'stage.out-of-order', message: '“开工”阶段验收之前，不能验收“主体封顶”阶段' });
      const still = (await stack.http.get(`/api/projects/${school.id}`).set('Authorization', org.coordinator).expect(200)).body;
      expect(still.milestones.find((m: { id: string }) => m.id === 'topping_out').state).toBe('submitted');
      await review(early.id, 'return', '请先完成开工验收').expect(200);

      for (const stage of ['construction_start', 'topping_out', 'completion_acceptance']) await reportAccepted(school.id, { milestoneId: stage });
      const opened = await reportAccepted(school.id, { milestoneId: 'opening', figures: { seatsDelivered: 1620, classesDelivered: 32, investmentSpent: 118_000_000 } });
      expect(opened.status).toBe('done');
      expect(opened.milestones.every((m: { state: string }) => m.state === 'accepted')).toBe(true);
    });

    it('counts the opened school towards the plan targets, on the plan and on the dashboard', async () => {
      const plan = (await stack.http.get(`/api/plans/${planId}`).set('Authorization', org.leader).expect(200)).body;
      expect(plan.portfolio).toEqual([
        expect.objectContaining({ id: 'opened', achieved: 1, target: 2, status: 'yellow', contributing: [school.id] }),
        expect.objectContaining({ id: 'seats', achieved: 1620, target: 1500, status: 'done', reasons: [expect.objectContaining({ code: 'portfolio.met' })] }),
        expect.objectContaining({ id: 'rotation', status: 'red' }),
      ]);
      const dashboard = (await stack.http.get(`/api/dashboard?planId=${planId}`).set('Authorization', org.leader).expect(200)).body;
      const summary = (t: Record<string, unknown>) => ({ id: t.id, achieved: t.achieved, target: t.target, status: t.status });
      expect(dashboard.portfolio.map(summary)).toEqual(plan.portfolio.map(summary));
      expect(dashboard.portfolio[0]).toMatchObject({ planId, planName: '新建改扩建中小学', name: '新建改扩建学校投入使用' });
    });
  });
});
