import { DateTime } from 'luxon';
import mammoth from 'mammoth';
import { binary, expectProblem, fingerprint } from '../helpers/api-fixtures';
import { TestStack } from '../helpers/stack';
import { useTestStack } from '../helpers/test-stack';

/** A day relative to today in the plans' zone, so the verdicts do not depend on when the test runs. */
const day = (days: number) => DateTime.now().setZone('Asia/Shanghai').plus({ days }).toISODate()!;
const thisYear = DateTime.now().setZone('Asia/Shanghai').year;

jest.setTimeout(120_000);

describe('targets as plans write them: scoped portfolio targets, quantities with units, ranges, templates, plan edits, circular series', () => {
  const { stack, org } = useTestStack();

  const asCoordinator = (req: ReturnType<TestStack['http']['get']>) => req.set('Authorization', org.coordinator);
  const createPlan = async (body: Record<string, unknown>) => (await stack.http.post('/api/plans').set('Authorization', org.coordinator).send({ year: thisYear, ...body }).expect(201)).body;
  const create = async (planId: string, body: Record<string, unknown>) => {
    const res = await stack.http
      .post('/api/projects')
      .set('Authorization', org.coordinator)
      .send({ planId, leadUnitId: org.districtId, ownerUserId: org.ownerId, startDate: day(-30), dueDate: day(300), ...body });
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const submit = async (projectId: string, body: Record<string, unknown>) =>
    (await stack.http.post(`/api/projects/${projectId}/reports`).set('Authorization', org.owner).send({ narrative: '进展情况', ...body }).expect(201)).body.report;
  const accept = async (projectId: string, body: Record<string, unknown>) =>
    (await stack.http.post(`/api/reports/${(await submit(projectId, body)).id}/review`).set('Authorization', org.coordinator).send({ decision: 'accept' }).expect(200)).body.project;
  const getProject = async (id: string) => (await asCoordinator(stack.http.get(`/api/projects/${id}`)).expect(200)).body;
  const portfolio = async (planId: string) =>
    Object.fromEntries(((await asCoordinator(stack.http.get(`/api/plans/${planId}`)).expect(200)).body.portfolio as Array<Record<string, any>>).map((t) => [t.id, t]));
  const school = (seats: number) => ({ seatsPlanned: seats, classesPlanned: seats / 45, investmentPlanned: seats * 60_000 });

  it('counts each scoped target over its own projects only: schools, kindergartens and upgrade works in one plan', async () => {
    const period = { startDate: `${thisYear}-01-01`, byDate: `${thisYear}-12-31` };
    const plan = await createPlan({
      name: '学前教育与义务教育项目',
      portfolioTargets: [
        { id: 'kg-open', name: '普惠性幼儿园开园', filter: { categories: ['幼儿园'] }, stage: 'opening', count: 2, ...period },
        { id: 'school-open', name: '中小学投入使用', kind: 'school_construction', count: 2, ...period },
        { id: 'upgrades', name: '薄弱学校改造立项', filter: { workTypes: ['提升改造'] }, stage: 'approval', count: 1, ...period },
        { id: 'seats-planned', name: '中小学规划学位', filter: { categories: ['小学', '初中'] }, sumOf: { field: 'seats', basis: 'planned', target: 1980 }, ...period },
        { id: 'high-schools', name: '高中', filter: { categories: ['高中'] }, count: 1, ...period },
      ],
    });
    const primary = await create(plan.id, { kind: 'school_construction', name: '城东新区第一小学', category: '小学', workType: '新建', tags: ['城东片区'], targets: school(1080), dueDate: day(200) });
    await create(plan.id, { kind: 'school_construction', name: '城南初级中学', category: '初中', workType: '新建', targets: school(900), dueDate: day(250) });
    const kg1 = await create(plan.id, { kind: 'generic', name: '阳光幼儿园', category: '幼儿园', workType: '新建', tags: ['普惠', '城东片区'], template: 'kindergarten_opening', quantities: [{ figure: 'seats', target: 270 }] });
    await create(plan.id, { kind: 'generic', name: '七彩幼儿园', category: '幼儿园', workType: '新建', tags: ['普惠'], template: 'kindergarten_opening' });
    const upgrade = await create(plan.id, { kind: 'generic', name: '城关中学校舍提升改造', category: '初中', workType: '提升改造', template: 'renovation', dueDate: day(120) });

    expect(kg1.milestones.map((m: { id: string; name: string }) => `${m.id}:${m.name}`)).toEqual(['opening:开园']);
    expect(upgrade.milestones.map((m: { name: string }) => m.name)).toEqual(['立项', '招标', '施工', '验收']);
    expect(primary).toMatchObject({ category: '小学', workType: '新建', tags: ['城东片区'], template: 'school' });

    const before = await portfolio(plan.id);
    expect(before['kg-open']).toMatchObject({ achieved: 0, selected: 2 });
    // Primary and middle schools, and the middle-school upgrade: the kindergarten's 270 seats are not among them.
    expect(before['seats-planned']).toMatchObject({ achieved: 1980, status: 'done', selected: 3 });
    expect(before['high-schools']).toMatchObject({ selected: 0, achieved: 0 });
    expect(before['high-schools'].reasons.map((r: { code: string }) => r.code)).toContain('portfolio.empty-selection');

    // A kindergarten opens: it counts for kindergartens, not for schools; the upgrade's approval counts only for upgrades.
    await accept(kg1.id, { milestoneId: 'opening' });
    await accept(upgrade.id, { milestoneId: 'approval' });
    const after = await portfolio(plan.id);
    expect(after['kg-open']).toMatchObject({ achieved: 1, contributing: [kg1.id] });
    expect(after['school-open']).toMatchObject({ achieved: 0, selected: 2 });
    expect(after['upgrades']).toMatchObject({ achieved: 1, contributing: [upgrade.id], status: 'done' });

    // Lists filter by category, work type and tag.
    const list = async (q: string) => (await asCoordinator(stack.http.get(`/api/projects?planId=${plan.id}&${q}`)).expect(200)).body.items.map((p: { name: string }) => p.name).sort();
    expect(await list(`category=${encodeURIComponent('幼儿园')}`)).toEqual(['七彩幼儿园', '阳光幼儿园']);
    expect(await list(`workType=${encodeURIComponent('提升改造')}`)).toEqual(['城关中学校舍提升改造']);
    expect(await list(`tag=${encodeURIComponent('城东片区')}`)).toEqual(['城东新区第一小学', '阳光幼儿园']);
    // A name search and a tag together (the fuzzing run found a 500 here).
    expect(await list(`q=${encodeURIComponent('阳光')}&tag=${encodeURIComponent('城东片区')}`)).toEqual(['阳光幼儿园']);
    expectProblem(await asCoordinator(stack.http.get(`/api/projects?category=${encodeURIComponent('大学')}`)), 400, 'category');

    // The dashboard counts and ranks only what its filter selects.
    const board = async (q: string) => (await asCoordinator(stack.http.get(`/api/dashboard?planId=${plan.id}&${q}`)).expect(200)).body;
    expect((await board('')).total).toBe(5);
    expect((await board(`category=${encodeURIComponent('幼儿园')}`))).toMatchObject({ total: 2, ranking: [expect.objectContaining({ projects: 2 })] });
    expect((await board(`workType=${encodeURIComponent('提升改造')}`)).total).toBe(1);
    expect((await board(`tag=${encodeURIComponent('城东片区')}&kind=generic`)).total).toBe(1);
    expectProblem(await asCoordinator(stack.http.get(`/api/dashboard?workType=${encodeURIComponent('拆除')}`)), 400, 'workType');

    // A circular on the kindergartens only: its sections count, rank and list those two, and it says so.
    const issued = await stack.http.post('/api/circulars').set('Authorization', org.coordinator).send({ planId: plan.id, filter: { categories: ['幼儿园'] } }).expect(201);
    expect(issued.body.selection).toEqual({ categories: ['幼儿园'] });
    expect(issued.body.ranking.map((u: { projects: number }) => u.projects)).toEqual([2]);
    const docx = await stack.http.get(`/api/circulars/${issued.body.id}?format=docx`).set('Authorization', org.coordinator).buffer(true).parse(binary as never).expect(200);
    const text = (await mammoth.extractRawText({ buffer: docx.body as Buffer })).value;
    expect(text).toContain('本期通报范围：幼儿园。');
    const whole = await stack.http.post('/api/circulars').set('Authorization', org.coordinator).send({ planId: plan.id }).expect(201);
    expect(whole.body.selection).toBeUndefined();
    expect(whole.body.ranking.map((u: { projects: number }) => u.projects)).toEqual([5]);
    const before2 = await fingerprint(stack);
    expectProblem(await stack.http.post('/api/circulars').set('Authorization', org.coordinator).send({ planId: plan.id, filter: { categories: ['大学'] } }), 400, 'filter.categories');
    expect(await fingerprint(stack)).toEqual(before2);

    // Seats delivered before the school opens show in its status, in the list and the detail, and change no colour.
    await accept(primary.id, { milestoneId: 'approval', figures: { seatsDelivered: 440 } });
    const listed = (await asCoordinator(stack.http.get(`/api/projects?planId=${plan.id}&q=${encodeURIComponent('城东新区')}`)).expect(200)).body.items[0];
    expect(listed.status).toBe('green');
    expect(listed.statusReasons.map((r: { message: string }) => r.message)).toContain('已交付440/1,080个学位');
    expect((await getProject(primary.id)).statusReasons.map((r: { message: string }) => r.message)).toContain('已交付440/1,080个学位');
  });

  it('brings a school in at its fourth stage with its real past days; a start reached last year is not "started this year"', async () => {
    const last = thisYear - 1;
    const plan = await createPlan({
      name: '续建学校',
      portfolioTargets: [{ id: 'started', name: '今年开工', kind: 'school_construction', stage: 'construction_start', count: 2, startDate: `${thisYear}-01-01`, byDate: `${thisYear}-12-31` }],
    });
    const pastStages = { approval: `${last}-03-01`, design: `${last}-06-15`, tendering: `${last}-09-30` };
    const underWay = (name: string) => create(plan.id, { kind: 'school_construction', name, category: '初中', workType: '续建', targets: school(900), currentStage: 'construction_start', pastStages });
    const a = await underWay('城西初级中学');
    const b = await underWay('城北初级中学');

    // The three past stages are done on their days: on time, not overdue, nothing left to remind; the fourth is open.
    const stages = Object.fromEntries(a.milestones.map((m: Record<string, any>) => [m.id, m]));
    for (const [key, reached] of Object.entries(pastStages)) {
      expect(stages[key]).toMatchObject({ state: 'accepted', reachedOn: reached, overdue: false, escalationLevel: 0 });
      expect(stages[key].acceptedLate).toBeUndefined();
      expect(stages[key].nextEvent).toBeFalsy();
    }
    expect(stages.construction_start.state).toBe('pending');
    expect(a.status).toBe('green');
    expect(a.metrics.milestonesAccepted).toBe(3);

    // A missing past day, a past day in the future and a day out of stage order are refused with their field.
    const refused = async (body: Record<string, unknown>, field: string) =>
      expectProblem(await stack.http.post('/api/projects').set('Authorization', org.coordinator)
        .send({ planId: plan.id, kind: 'school_construction', name: '拒收', leadUnitId: org.districtId, ownerUserId: org.ownerId, startDate: day(-30), dueDate: day(300), targets: school(900), ...body }), 400, field);
    await refused({ currentStage: 'construction_start', pastStages: { approval: `${last}-03-01`, design: `${last}-06-15` } }, 'pastStages.tendering');
    await refused({ currentStage: 'design', pastStages: { approval: day(5) } }, 'pastStages.approval');
    await refused({ currentStage: 'tendering', pastStages: { approval: `${last}-06-01`, design: `${last}-03-01` } }, 'pastStages.design');
    await refused({ currentStage: 'roof', pastStages: {} }, 'currentStage');

    // A reports the start it really made last December; B's start is today. Only B started this year.
    expectProblem(await stack.http.post(`/api/projects/${a.id}/reports`).set('Authorization', org.owner).send({ narrative: '已开工', milestoneId: 'construction_start', reachedOn: day(1) }), 400, 'reachedOn');
    expectProblem(await stack.http.post(`/api/projects/${a.id}/reports`).set('Authorization', org.owner).send({ narrative: '已开工', milestoneId: 'construction_start', reachedOn: `${last}-09-01` }), 400, 'reachedOn');
    const aAfter = await accept(a.id, { milestoneId: 'construction_start', reachedOn: `${last}-12-20` });
    expect(aAfter.milestones.find((m: { id: string }) => m.id === 'construction_start')).toMatchObject({ state: 'accepted', reachedOn: `${last}-12-20` });
    await accept(b.id, { milestoneId: 'construction_start' });
    const reports = (await asCoordinator(stack.http.get(`/api/projects/${a.id}/reports`)).expect(200)).body;
    expect(reports.map((r: { reachedOn?: string }) => r.reachedOn)).toEqual([`${last}-12-20`]);
    expect((await portfolio(plan.id)).started).toMatchObject({ achieved: 1, contributing: [b.id], selected: 2 });
  });

  it('a school with only the stages it has: a kindergarten that only has to open can be accepted at once', async () => {
    const plan = await createPlan({ name: '幼儿园开园' });
    const kg = await create(plan.id, { kind: 'school_construction', name: '新城幼儿园', category: '幼儿园', workType: '新建', targets: school(270), template: 'kindergarten_opening' });
    expect(kg.milestones.map((m: { id: string }) => m.id)).toEqual(['opening']);
    const after = await accept(kg.id, { milestoneId: 'opening' });
    expect(after.milestones[0]).toMatchObject({ state: 'accepted', reachedOn: day(0) });
  });

  it('refuses a misspelt target field with its name, and creates nothing', async () => {
    const before = await fingerprint(stack);
    const res = await stack.http
      .post('/api/plans')
      .set('Authorization', org.coordinator)
      .send({ name: '拼错的目标', year: thisYear, portfolioTargets: [{ id: 'seats', name: '新增学位', kind: 'school_construction', sumOf: { field: 'seatDelivered', target: 1000 }, byDate: `${thisYear}-12-31` }] });
    expectProblem(res, 400, 'portfolioTargets[0].sumOf.field');
    // The field's own message names what was written and the figure that exists.
    const detail = res.body.details.find((d: { field: string }) => d.field === 'portfolioTargets[0].sumOf.field');
    expect(detail.message).toContain('seatDelivered');
    expect(detail.message).toContain('"seatsDelivered"');
    expect(await fingerprint(stack)).toEqual(before);
  });

  it('judges a count target on its pace: 5/20所 where 10 are expected is behind', async () => {
    const plan = await createPlan({ name: '普惠性幼儿园建设' });
    // Half-way through the period, 10 of the 20 are expected.
    const p = await create(plan.id, {
      kind: 'generic', name: '新增普惠性幼儿园20所', startDate: day(-183), dueDate: day(182),
      quantities: [{ figure: 'kindergartens', name: '新增普惠性幼儿园', target: 20 }, { figure: 'teachers', name: '招聘教师', target: 47 }],
    });
    expect(p.quantityProgress.map((q: { figure: string; unit: string; target: number }) => `${q.figure}:${q.target}${q.unit}`)).toEqual(['kindergartens:20所', 'teachers:47名']);
    await accept(p.id, { figures: { quantities: { kindergartens: 5, teachers: 24 } } });
    const behind = await getProject(p.id);
    const kg = behind.quantityProgress.find((q: { figure: string }) => q.figure === 'kindergartens');
    expect(kg).toMatchObject({ actual: 5, target: 20, expected: 10, status: 'yellow', zone: 'below' });
    expect(kg.reasons[0]).toMatchObject({ code: 'quantity.behind-pace', message: '新增普惠性幼儿园：5/20所，按进度应完成10所，进度滞后' });
    expect(behind.quantityStatus.status).toBe('yellow');
    // The project's own colour says it too, so lists, the dashboard and the circular count it as behind.
    expect(behind.status).toBe('yellow');
    expect(behind.statusReasons.map((r: { code: string }) => r.code)).toContain('quantity.behind-pace');
    expect(behind.delivery.map((d: { message: string }) => d.message)).toEqual(['已交付5/20所新增普惠性幼儿园', '已交付24/47名招聘教师']);
    // Partial delivery is part of what the project's status says, in the detail, beside the workflow's verdict.
    expect(behind.statusReasons.map((r: { message: string }) => r.message)).toEqual(expect.arrayContaining(['已交付5/20所新增普惠性幼儿园', '已交付24/47名招聘教师']));

    await accept(p.id, { figures: { quantities: { kindergartens: 10, teachers: 24 } } });
    const onPace = (await getProject(p.id)).quantityProgress.find((q: { figure: string }) => q.figure === 'kindergartens');
    expect(onPace).toMatchObject({ actual: 10, status: 'green', reasons: [expect.objectContaining({ code: 'quantity.on-pace' })] });
    expect((await getProject(p.id)).status).toBe('green');

    // A running total under a figure the project has no target for, or in the wrong grain, is refused by name.
    const before = await fingerprint(stack);
    expectProblem(await stack.http.post(`/api/projects/${p.id}/reports`).set('Authorization', org.owner).send({ narrative: 'x', figures: { quantities: { kindergarden: 6 } } }), 400, 'figures.quantities.kindergarden');
    expectProblem(await stack.http.post(`/api/projects/${p.id}/reports`).set('Authorization', org.owner).send({ narrative: 'x', figures: { quantities: { kindergartens: 6.5 } } }), 400, 'figures.quantities.kindergartens');
    expect(await fingerprint(stack)).toEqual(before);
  });

  it('places a range target in each of its three zones: below, within, above', async () => {
    const plan = await createPlan({ name: '集团化办学试点' });
    const p = await create(plan.id, {
      kind: 'generic', name: '遴选1—2所试点学校', startDate: day(-350), dueDate: day(15),
      quantities: [{ figure: 'schools', name: '试点学校', min: 1, max: 2, over: 'yellow' }],
    });
    const zoneAfter = async (n: number) => {
      await accept(p.id, { figures: { quantities: { schools: n } } });
      const q = (await getProject(p.id)).quantityProgress[0];
      return { zone: q.zone, status: q.status, code: q.reasons[0].code, message: q.reasons[0].message };
    };
    expect(await zoneAfter(0)).toEqual({ zone: 'below', status: 'yellow', code: 'quantity.behind-pace', message: '试点学校：0/1–2所，按进度应完成1所，进度滞后' });
    expect(await zoneAfter(2)).toEqual({ zone: 'within', status: 'green', code: 'quantity.in-range', message: '试点学校：2/1–2所，在目标区间内' });
    expect(await zoneAfter(3)).toEqual({ zone: 'above', status: 'yellow', code: 'quantity.above-range', message: '试点学校：3/1–2所，超出上限1所' });
  });

  it('edits a plan after creation, each change in its audit trail; a misspelt field changes nothing', async () => {
    const plan = await createPlan({ name: '三年行动计划' });
    const patch = (body: Record<string, unknown>) => stack.http.patch(`/api/plans/${plan.id}`).set('Authorization', org.coordinator).send(body);
    const target = { id: 'started', name: '三年行动计划项目开工', kind: 'school_construction', stage: 'construction_start', count: 27, byDate: `${thisYear}-12-31` };
    expect((await patch({ name: '学前教育三年行动计划', portfolioTargets: [target], policy: { warningWindow: 'P10D' } }).expect(200)).body.changed).toEqual(['name', 'portfolioTargets', 'policy']);
    const got = (await asCoordinator(stack.http.get(`/api/plans/${plan.id}`)).expect(200)).body;
    expect(got).toMatchObject({ name: '学前教育三年行动计划', portfolioTargets: [target], policy: { warningWindow: 'P10D' } });
    expect(got.portfolio[0]).toMatchObject({ id: 'started', target: 27 });

    const before = await fingerprint(stack);
    expectProblem(await patch({ portfolioTargets: [{ ...target, count: undefined, sumOf: { field: 'seatz', target: 10 } }] }), 400, 'portfolioTargets[0].sumOf.field');
    expectProblem(await patch({ coordinatorIds: [org.ownerId] }), 400, 'coordinatorIds[0]');
    expectProblem(await stack.http.patch(`/api/plans/${plan.id}`).set('Authorization', org.owner).send({ name: 'x' }), 403);
    expect(await fingerprint(stack)).toEqual(before);

    const events = (await asCoordinator(stack.http.get(`/api/plans/${plan.id}/events`)).expect(200)).body.items;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'plan.updated', actor: org.coordinatorId, data: { changes: { name: { from: '三年行动计划', to: '学前教育三年行动计划' } } } });
    expect(Object.keys(events[0].data.changes).sort()).toEqual(['name', 'policy', 'portfolioTargets']);
  });

  it('continues a circular series from 56: the next are 57 then 58, and the number can be set only once', async () => {
    const plan = await createPlan({ name: '教育重点工作督办', ownerUnitId: org.cityId });
    const series = () => asCoordinator(stack.http.get(`/api/plans/${plan.id}/circular-series`)).expect(200);
    expect((await series()).body).toMatchObject({ scope: 'office_year', nextNumber: 1 });
    const set = (nextNumber: number) => stack.http.put(`/api/plans/${plan.id}/circular-series`).set('Authorization', org.coordinator).send({ nextNumber });
    expect((await set(57).expect(200)).body).toMatchObject({ startsAt: 57, nextNumber: 57 });
    const issue = async (planId: string) => (await stack.http.post('/api/circulars').set('Authorization', org.coordinator).send({ planId }).expect(201)).body;
    const first = await issue(plan.id);
    const second = await issue(plan.id);
    expect([first.number, second.number]).toEqual([57, 58]);
    expect(first.title).toContain('第57期');
    expectProblem(await set(60), 409, 'nextNumber');
    expect((await series()).body).toMatchObject({ lastIssued: 58, nextNumber: 59 });

    // Another plan of the same office continues the office's series; a plan with its own series starts at 1.
    const sibling = await createPlan({ name: '教育民生实事督办', ownerUnitId: org.cityId });
    expect((await issue(sibling.id)).number).toBe(59);
    const own = await createPlan({ name: '专项督导', ownerUnitId: org.cityId, circularSeries: 'plan' });
    expect((await issue(own.id)).number).toBe(1);
    const numbers = await stack.ds.query(`SELECT number FROM circulars WHERE series_key = $1 ORDER BY number`, [`office:${org.cityId}:${thisYear}`]);
    expect(numbers.map((r: { number: number }) => r.number)).toEqual([57, 58, 59]);
  });
});
