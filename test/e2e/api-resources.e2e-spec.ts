import { createProject, events, expectProblem, fingerprint, genericProject, otherCoordinator, refusedWithoutChange, rotationProject } from '../helpers/api-fixtures';
import { eventually, login } from '../helpers/stack';
import { useTestStack } from '../helpers/test-stack';

// The stack starts a Nest app and a worker on a shared machine: more than jest's 5 s default.
jest.setTimeout(60_000);

describe('every resource over HTTP, with read-your-writes', () => {
  const { stack, org } = useTestStack();

  const get = async (path: string, auth: string, query: Record<string, unknown> = {}) => (await stack.http.get(path).query(query).set('Authorization', auth).expect(200)).body;
  const post = (path: string, auth: string) => stack.http.post(path).set('Authorization', auth);

  it('health reports API, database and Temporal; metrics are Prometheus text', async () => {
    const health = await stack.http.get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'up', api: { status: 'up' }, database: { status: 'up' }, temporal: { status: 'up' } });
    const metrics = await stack.http.get('/metrics').expect(200);
    expect(metrics.text).toMatch(/^# HELP supervision_projects /m);
  });

  describe('units and users (admin)', () => {
    it('creates a unit under another and lists a subtree, paged', async () => {
      const unit = await post('/api/units', org.admin).send({ code: 'zm-school-2', name: '中牟县第二初级中学', type: 'school', parentId: org.districtId }).expect(201);
      expect(unit.body).toMatchObject({ code: 'zm-school-2', parentId: org.districtId, path: expect.stringMatching(new RegExp(`${org.districtId}/${unit.body.id}/$`)) });
      const subtree = await get('/api/units', org.owner, { under: org.districtId });
      expect(subtree.items.map((u: { id: string }) => u.id).sort()).toEqual([org.districtId, org.schoolId, unit.body.id].sort());
      const page = await get('/api/units', org.leader, { page: 2, pageSize: 2 });
      expect(page).toMatchObject({ page: 2, pageSize: 2, total: 5 });
      expect(page.items).toHaveLength(2);
    });

    it('refuses a second unit with the same code, naming it, and nothing changes', async () => {
      await refusedWithoutChange(stack, () => post('/api/units', org.admin).send({ code: 'zhongmou', name: '重复', type: 'county' }), 409, 'code');
    });

    it('creates users who can sign in, lists them by role, and refuses a taken username or an owner without a unit', async () => {
      const user = await post('/api/users', org.admin).send({ username: 'zm-2-owner', displayName: '二中校长', password: 'password-456', role: 'owner', unitId: org.schoolId, email: 'head@zm2.example.org' }).expect(201);
      expect(user.body).toMatchObject({ username: 'zm-2-owner', role: 'owner', unitId: org.schoolId, email: 'head@zm2.example.org', isUnitHead: false });
      expect(await get('/api/users/me', await login(stack, 'zm-2-owner', 'password-456'))).toMatchObject({ id: user.body.id });
      const owners = await get('/api/users', org.admin, { role: 'owner' });
      expect(owners.items.every((u: { role: string }) => u.role === 'owner')).toBe(true);
      expect(owners.items.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['owner', 'other-owner', 'zm-2-owner']));
      await refusedWithoutChange(stack, () => post('/api/users', org.admin).send({ username: 'owner', displayName: 'x', password: 'password-123', role: 'leader' }), 409, 'username');
      await refusedWithoutChange(stack, () => post('/api/users', org.admin).send({ username: 'loose', displayName: 'x', password: 'password-123', role: 'owner' }), 400, 'unitId');
      await refusedWithoutChange(stack, () => post('/api/users', org.admin).send({ username: 'short', displayName: 'x', password: 'short', role: 'leader' }), 400, 'password');
    });

    it('shows a coordinator the accounts of a unit and the units below it by name, to choose an owner; not an owner, nor an unknown unit', async () => {
      const owners = await get(`/api/units/${org.districtId}/accounts`, org.coordinator, { role: 'owner' });
      expect(owners.items[0]).toEqual({ id: org.headId, displayName: 'head', role: 'owner', unitId: org.districtId, unitName: '中牟县教育局', isUnitHead: true });
      const ids = owners.items.map((a: { id: string }) => a.id);
      expect(ids).toEqual(expect.arrayContaining([org.headId, org.ownerId]));
      expect(ids).not.toContain(org.otherOwnerId);
      expect(owners.items.every((a: { role: string }) => a.role === 'owner')).toBe(true);
      const all = await get(`/api/units/${org.cityId}/accounts`, org.admin);
      expect(all.items.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([org.coordinatorId, org.leaderId, org.otherOwnerId]));
      expectProblem(await stack.http.get(`/api/units/${org.districtId}/accounts`).set('Authorization', org.owner), 403);
      expectProblem(await stack.http.get(`/api/units/${org.planId}/accounts`).set('Authorization', org.coordinator), 404, 'id');
      expectProblem(await stack.http.get(`/api/units/${org.districtId}/accounts`).query({ role: 'mayor' }).set('Authorization', org.coordinator), 400, 'role');
    });
  });

  describe('plans', () => {
    it('creates a plan with its policy and its coordinators, and shows it', async () => {
      const other = await otherCoordinator(stack, org);
      const created = await post('/api/plans', org.coordinator).send({ name: '2027年教育重点工程', year: 2027, ownerUnitId: org.cityId, policy: { reminders: ['P10D', 'P2D'] }, coordinatorIds: [other.id] }).expect(201);
      expect(created.body).toMatchObject({ name: '2027年教育重点工程', year: 2027, ownerUnitId: org.cityId, timeZone: 'Asia/Shanghai', portfolioTargets: [] });
      expect(created.body.policy.reminders).toEqual(['P10D', 'P2D']);
      expect(created.body.coordinatorIds.sort()).toEqual([org.coordinatorId, other.id].sort());
      const got = await get(`/api/plans/${created.body.id}`, org.owner);
      expect(got).toMatchObject({ id: created.body.id, policy: created.body.policy, portfolioTargets: [] });
      const list = await get('/api/plans', org.leader);
      expect(list.items.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([org.planId, created.body.id, other.planId]));
    });

    it('refuses a policy with a bad duration, naming the field', async () => {
      const res = await refusedWithoutChange(stack, () => post('/api/plans', org.coordinator).send({ name: '坏策略', year: 2027, policy: { reminders: ['five days'] } }), 400);
      expect(res.body.details[0].field).toMatch(/^policy\.reminders/);
    });
  });

  describe('projects: create, get, list, filter, page', () => {
    let generic: Record<string, any>;
    let rotation: Record<string, any>;

    beforeAll(async () => {
      generic = await createProject(stack, org.coordinator, genericProject(org, {
        responsibleHead: '张局长',
        milestones: [{ id: 'm1', name: '出台实施意见', dueDate: '2027-06-30' }, { id: 'm2', name: '完成县域自评', dueDate: '2027-10-31', weight: 2 }],
      }));
      rotation = await createProject(stack, org.coordinator, rotationProject(org, { targets: { checkDate: '2027-09-30', minRate: 0.1, minBackboneShare: 0.2 } }));
      await createProject(stack, org.coordinator, genericProject(org, { name: '金水区集团化办学', leadUnitId: org.otherDistrictId, ownerUserId: org.otherOwnerId }));
    });

    it('answers 201 with the project: milestones, status, metrics, next deadline, escalation level, workflow id', async () => {
      expect(generic).toMatchObject({
        kind: 'generic', planId: org.planId, leadUnitId: org.districtId, ownerUserId: org.ownerId, responsibleHead: '张局长',
        startDate: '2027-01-01', dueDate: '2027-12-31', status: 'green', statusReasons: [], escalationLevel: 0,
        nextDeadline: '2027-06-30T15:59:59.000Z', workflowId: `project-${generic.id}`, closedAt: null,
      });
      expect(generic.milestones).toEqual([
        expect.objectContaining({ id: 'm1', state: 'pending', dueAt: '2027-06-30T15:59:59.000Z', weight: 1, overdue: false, escalationLevel: 0 }),
        expect.objectContaining({ id: 'm2', state: 'pending', dueAt: '2027-10-31T15:59:59.000Z', weight: 2 }),
      ]);
      expect(generic.metrics).toMatchObject({ milestonesTotal: 2, milestonesAccepted: 0, weightedProgress: 0 });
      expect(await get(`/api/projects/${generic.id}`, org.owner)).toEqual(generic);
      expect(rotation).toMatchObject({ kind: 'teacher_rotation', targets: { checkDate: '2027-09-30', minRate: 0.1, minBackboneShare: 0.2 } });
    });

    it('lists with filters by plan, unit, kind, status and text', async () => {
      const names = async (query: Record<string, string>) => (await get('/api/projects', org.leader, query)).items.map((p: { name: string }) => p.name).sort();
      expect(await names({ planId: org.planId })).toHaveLength(3);
      expect(await names({ unitId: org.otherDistrictId })).toEqual(['金水区集团化办学']);
      expect(await names({ kind: 'teacher_rotation' })).toEqual(['2027学年教师交流轮岗']);
      const everything = (await get('/api/projects', org.leader)).items as Array<{ name: string; status: string }>;
      for (const status of ['green', 'yellow', 'red', 'done', 'closed']) {
        expect(await names({ status })).toEqual(everything.filter((p) => p.status === status).map((p) => p.name).sort());
      }
      expect(await names({ status: generic.status, unitId: org.districtId })).toContain(generic.name);
      expect(await names({ q: '交流轮岗' })).toEqual(['2027学年教师交流轮岗']);
      expect(await names({ kind: 'generic', unitId: org.districtId, q: '实施意见' })).toEqual([generic.name]);
    });

    it('pages through a list, with the total', async () => {
      const all = await get('/api/projects', org.leader, { pageSize: 200 });
      const seen: string[] = [];
      for (let page = 1; page <= all.total; page++) {
        const one = await get('/api/projects', org.leader, { page, pageSize: 1 });
        expect(one).toMatchObject({ page, pageSize: 1, total: all.total });
        seen.push(one.items[0].id);
      }
      expect(seen).toEqual(all.items.map((p: { id: string }) => p.id));
      expect((await get('/api/projects', org.leader, { page: all.total + 1, pageSize: 1 })).items).toEqual([]);
    });
  });

  describe('the life of a project, read back after each write', () => {
    let project: Record<string, any>;
    let rotation: Record<string, any>;
    let returnedId: string;
    let acceptedId: string;
    const view = () => get(`/api/projects/${project.id}`, org.owner);
    const milestone = async (id: string) => (await view()).milestones.find((m: { id: string }) => m.id === id);

    beforeAll(async () => {
      project = await createProject(stack, org.coordinator, genericProject(org, {
        name: '学区制改革', milestones: [{ id: 'm1', name: '划定学区', dueDate: '2027-06-30' }, { id: 'm2', name: '学区运行评估', dueDate: '2027-11-30' }],
      }));
      rotation = await createProject(stack, org.coordinator, rotationProject(org));
    });

    it('an owner submits a report: 201 with the report and the new status; the next GET shows the milestone submitted', async () => {
      const res = await post(`/api/projects/${project.id}/reports`, org.owner).send({ milestoneId: 'm1', narrative: '学区方案已公示', evidence: ['https://example.org/notice.pdf'] }).expect(201);
      returnedId = res.body.report.id;
      expect(res.body.report).toMatchObject({ projectId: project.id, milestoneId: 'm1', submittedBy: org.ownerId, state: 'submitted', narrative: '学区方案已公示', evidence: ['https://example.org/notice.pdf'] });
      expect(res.body.project).toMatchObject({ id: project.id, status: expect.any(String) });
      expect((await milestone('m1')).state).toBe('submitted');
      expect(await get(`/api/reports/${returnedId}`, org.coordinator)).toEqual(res.body.report);
      expect((await get(`/api/projects/${project.id}/reports`, org.leader)).map((r: { id: string }) => r.id)).toEqual([returnedId]);
    });

    it('a coordinator returns it with a comment: the report and the milestone show returned, and the owner is told', async () => {
      const res = await post(`/api/reports/${returnedId}/review`, org.coordinator).send({ decision: 'return', comment: '缺少学区划分图' }).expect(200);
      expect(res.body.report).toMatchObject({ state: 'returned', reviewedBy: org.coordinatorId, reviewComment: '缺少学区划分图' });
      expect(await get(`/api/reports/${returnedId}`, org.owner)).toMatchObject({ state: 'returned', reviewComment: '缺少学区划分图' });
      expect((await milestone('m1')).state).toBe('returned');
      // The notice follows the answer (the workflow writes it once the read model shows the change).
      const told = (n: { kind: string; projectId: string }) => n.kind === 'review' && n.projectId === project.id;
      const inbox = await eventually(async () => {
        const seen = await get('/api/notifications', org.owner);
        return seen.items.some(told) ? seen : undefined;
      }, 'the review notice');
      expect(inbox.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'review', projectId: project.id, body: expect.stringContaining('缺少学区划分图'), readAt: null })]));
    });

    it('the owner reports again and the coordinator accepts: the milestone shows accepted and progress moves', async () => {
      const submitted = await post(`/api/projects/${project.id}/reports`, org.owner).send({ milestoneId: 'm1', narrative: '补充学区划分图', evidence: ['https://example.org/map.png'] }).expect(201);
      acceptedId = submitted.body.report.id;
      const res = await post(`/api/reports/${acceptedId}/review`, org.coordinator).send({ decision: 'accept' }).expect(200);
      expect(res.body.report.state).toBe('accepted');
      const m1 = await milestone('m1');
      expect(m1).toMatchObject({ state: 'accepted', acceptedAt: expect.any(String) });
      expect((await view()).metrics).toMatchObject({ milestonesAccepted: 1, milestonesTotal: 2, weightedProgress: 0.5 });
      expect(await get(`/api/reports/${acceptedId}`, org.leader)).toMatchObject({ state: 'accepted', reviewedBy: org.coordinatorId });
    });

    it('accepted figures of a rotation project show in its metrics', async () => {
      const figures = { eligible: 120, rotated: 15, rotatedBackbone: 4 };
      const submitted = await post(`/api/projects/${rotation.id}/reports`, org.owner).send({ narrative: '本学年交流15人，其中骨干4人', figures }).expect(201);
      expect(submitted.body.report.figures).toEqual(figures);
      await post(`/api/reports/${submitted.body.report.id}/review`, org.coordinator).send({ decision: 'accept' }).expect(200);
      expect((await get(`/api/projects/${rotation.id}`, org.leader)).metrics.figures).toEqual(figures);
    });

    it('an extension request, approved: the request and the milestone show the new deadline', async () => {
      const res = await post(`/api/projects/${project.id}/milestones/m2/extension-requests`, org.owner).send({ newDueAt: '2027-12-20T18:00:00+08:00', reason: '评估专家组延期' }).expect(201);
      const id = res.body.extensionRequest.id;
      expect(res.body.extensionRequest).toMatchObject({ milestoneId: 'm2', state: 'pending', newDueAt: '2027-12-20T10:00:00.000Z', requestedBy: org.ownerId });
      expect(await get(`/api/extension-requests/${id}`, org.owner)).toMatchObject({ state: 'pending' });
      const coordinatorInbox = await eventually(async () => {
        const seen = await get('/api/notifications', org.coordinator);
        return seen.items.some((n: { kind: string; projectId: string }) => n.kind === 'extension' && n.projectId === project.id) ? seen : undefined;
      }, 'the extension request notice');
      expect(coordinatorInbox.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'extension', projectId: project.id })]));
      const decided = await post(`/api/extension-requests/${id}/decision`, org.coordinator).send({ decision: 'approve', comment: '同意' }).expect(200);
      expect(decided.body.extensionRequest).toMatchObject({ state: 'approved', decidedBy: org.coordinatorId, decisionComment: '同意' });
      expect(await get(`/api/extension-requests/${id}`, org.leader)).toMatchObject({ state: 'approved' });
      expect((await get(`/api/projects/${project.id}/extension-requests`, org.owner)).map((x: { id: string; state: string }) => [x.id, x.state])).toEqual([[id, 'approved']]);
      expect((await milestone('m2')).dueAt).toBe('2027-12-20T10:00:00.000Z');
    });

    it('an extension request, refused: the deadline stays', async () => {
      const res = await post(`/api/projects/${project.id}/milestones/m2/extension-requests`, org.owner).send({ newDueAt: '2028-01-31T18:00:00+08:00', reason: '再次延期' }).expect(201);
      await post(`/api/extension-requests/${res.body.extensionRequest.id}/decision`, org.coordinator).send({ decision: 'refuse', comment: '不再延期' }).expect(200);
      expect(await get(`/api/extension-requests/${res.body.extensionRequest.id}`, org.owner)).toMatchObject({ state: 'refused', decisionComment: '不再延期' });
      expect((await milestone('m2')).dueAt).toBe('2027-12-20T10:00:00.000Z');
    });

    it('a coordinator amends the milestones (PUT): renamed, moved and added milestones show on the next GET', async () => {
      const res = await stack.http.put(`/api/projects/${project.id}/milestones`).set('Authorization', org.coordinator).send({
        milestones: [{ id: 'm2', name: '学区运行第三方评估', dueDate: '2027-12-25' }, { id: 'm3', name: '总结推广', dueDate: '2027-12-31', weight: 0.5 }],
      }).expect(200);
      expect(res.body.milestones.map((m: { id: string }) => m.id)).toEqual(['m1', 'm2', 'm3']);
      const after = await view();
      expect(after.milestones.find((m: { id: string }) => m.id === 'm2')).toMatchObject({ name: '学区运行第三方评估', dueAt: '2027-12-25T15:59:59.000Z', state: 'pending' });
      expect(after.milestones.find((m: { id: string }) => m.id === 'm3')).toMatchObject({ name: '总结推广', weight: 0.5, state: 'pending' });
      expect(after.milestones.find((m: { id: string }) => m.id === 'm1')).toMatchObject({ state: 'accepted' });
    });

    it('refuses moving the deadline of an accepted milestone, naming it, and nothing changes', async () => {
      await refusedWithoutChange(stack, () => stack.http.put(`/api/projects/${project.id}/milestones`).set('Authorization', org.coordinator)
        .send({ milestones: [{ id: 'm1', name: '划定学区', dueDate: '2027-07-31' }] }), 409, 'milestones[0].dueAt');
    });

    it('the audit trail lists every action in order, with who did it, paged', async () => {
      const trail = await get(`/api/projects/${project.id}/events`, org.owner, { pageSize: 200 });
      const types = trail.items.map((e: { type: string }) => e.type);
      const actions = types.filter((t: string) => !t.startsWith('status.'));
      expect(actions).toEqual(['project.created', 'report.submitted', 'report.returned', 'report.submitted', 'report.accepted', 'extension.requested', 'extension.approved', 'extension.requested', 'extension.refused', 'milestones.amended']);
      expect(trail.items.map((e: { seq: number }) => e.seq)).toEqual(trail.items.map((_: unknown, i: number) => i + 1));
      const by = (type: string) => trail.items.filter((e: { type: string }) => e.type === type).map((e: { actor: string }) => e.actor);
      expect(by('report.submitted')).toEqual([org.ownerId, org.ownerId]);
      expect(by('report.accepted')).toEqual([org.coordinatorId]);
      expect(trail.items[0]).toMatchObject({ at: expect.stringMatching(/Z$/), data: expect.any(Object) });
      const page2 = await get(`/api/projects/${project.id}/events`, org.owner, { page: 2, pageSize: 3 });
      expect(page2).toMatchObject({ page: 2, pageSize: 3, total: trail.total });
      expect(page2.items).toEqual(trail.items.slice(3, 6));
    });

    it('closing: 200 with the closed project; the next GET, the list and the dashboard show it closed; later writes get 409 and change nothing', async () => {
      const res = await post(`/api/projects/${project.id}/close`, org.coordinator).send({ reason: '并入集团化办学改革' }).expect(200);
      expect(res.body).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
      expect(await view()).toMatchObject({ status: 'closed', closedAt: res.body.closedAt, nextDeadline: null });
      expect((await get('/api/projects', org.leader, { status: 'closed' })).items.map((p: { id: string }) => p.id)).toEqual([project.id]);
      expect((await get('/api/dashboard', org.leader, { planId: org.planId })).byStatus.closed).toBe(1);
      expect((await events(stack, project.id)).filter((e) => e.type === 'project.closed')).toEqual([expect.objectContaining({ actor: org.coordinatorId, data: { reason: '并入集团化办学改革' } })]);
      await refusedWithoutChange(stack, () => post(`/api/projects/${project.id}/reports`, org.owner).send({ milestoneId: 'm2', narrative: '关闭后填报' }), 409);
      await refusedWithoutChange(stack, () => post(`/api/projects/${project.id}/milestones/m2/extension-requests`, org.owner).send({ newDueAt: '2028-03-31T18:00:00+08:00', reason: 'x' }), 409);
      await refusedWithoutChange(stack, () => stack.http.put(`/api/projects/${project.id}/milestones`).set('Authorization', org.coordinator).send({ milestones: [{ id: 'm4', name: 'x', dueDate: '2027-12-31' }] }), 409);
    });

    it('the inbox: unread first counted, marked read on request, and only by its recipient', async () => {
      const inbox = await get('/api/notifications', org.owner);
      const closed = inbox.items.find((n: { kind: string; projectId: string }) => n.kind === 'closed' && n.projectId === project.id);
      expect(closed).toMatchObject({ title: expect.stringContaining('学区制改革'), body: expect.stringContaining('并入集团化办学改革'), readAt: null });
      expect(inbox.unread).toBe(inbox.items.filter((n: { readAt: string | null }) => !n.readAt).length);
      await refusedWithoutChange(stack, () => post(`/api/notifications/${closed.id}/read`, org.otherOwner).send(), 404);
      const read = await post(`/api/notifications/${closed.id}/read`, org.owner).send().expect(200);
      expect(read.body).toMatchObject({ id: closed.id, readAt: expect.any(String) });
      const again = await post(`/api/notifications/${closed.id}/read`, org.owner).send().expect(200);
      expect(again.body.readAt).toBe(read.body.readAt);
      const after = await get('/api/notifications', org.owner);
      expect(after.unread).toBe(inbox.unread - 1);
      expect((await get('/api/notifications', org.owner, { unread: true })).items.map((n: { id: string }) => n.id)).not.toContain(closed.id);
      expect((await get('/api/notifications', org.otherOwner)).items.map((n: { id: string }) => n.id)).not.toContain(closed.id);
    });
  });

  it('the dashboard counts by status, ranks the lead units and lists what is overdue, per plan', async () => {
    const before = await fingerprint(stack);
    const all = await get('/api/dashboard', org.leader);
    const rows: Array<{ status: string; n: number }> = await stack.ds.query('SELECT status, count(*)::int AS n FROM projects GROUP BY status');
    for (const { status, n } of rows) expect(all.byStatus[status]).toBe(n);
    expect(all.total).toBe(rows.reduce((a, r) => a + r.n, 0));
    expect(all.overdue).toEqual([]);
    expect(all.ranking).toEqual(expect.arrayContaining([expect.objectContaining({ unitId: org.districtId, unitName: '中牟县教育局', projects: expect.any(Number), onTrackRate: expect.any(Number) })]));
    const plan = await get('/api/dashboard', org.coordinator, { planId: org.planId });
    expect(plan.planId).toBe(org.planId);
    expect(plan.total).toBe((await stack.ds.query('SELECT count(*)::int AS n FROM projects WHERE plan_id = $1', [org.planId]))[0].n);
    expect(await fingerprint(stack)).toEqual(before);
  });

  describe('the OpenAPI document', () => {
    let doc: Record<string, any>;
    beforeAll(async () => {
      doc = (await stack.http.get('/api/docs-json').expect(200)).body;
    });

    it('is served as a page at /api/docs', async () => {
      const page = await stack.http.get('/api/docs').redirects(1).expect(200);
      expect(page.text).toMatch(/swagger/i);
    });

    it('lists every route the API answers', () => {
      const router = stack.app.getHttpAdapter().getInstance().router;
      // Nest mounts module middleware (the request log) as a catch-all route layer that only passes requests on: not a route.
      const routes: string[] = router.stack
        .filter((l: any) => l.route && l.route.path !== '/{*path}')
        .flatMap((l: any) => Object.keys(l.route.methods).map((m) => `${m.toUpperCase()} ${String(l.route.path).replace(/:(\w+)/g, '{$1}')}`))
        .filter((r: string) => !r.includes('/api/docs'));
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`));
      expect(routes.length).toBeGreaterThan(20);
      expect(documented.sort()).toEqual(expect.arrayContaining(routes.sort()));
      for (const r of ['GET /api/reports/{id}', 'GET /api/extension-requests/{id}', 'PUT /api/projects/{id}/milestones', 'POST /api/notifications/{id}/read', 'GET /health']) expect(routes).toContain(r);
    });

    it('gives every write its request schema, with the fields and their rules', () => {
      const bodyOf = (method: string, path: string) => doc.paths[path][method].requestBody?.content?.['application/json']?.schema?.$ref;
      const expected: Array<[string, string, string]> = [
        ['post', '/api/auth/login', 'LoginDto'], ['post', '/api/units', 'CreateUnitDto'], ['post', '/api/users', 'CreateUserDto'],
        ['post', '/api/plans', 'CreatePlanDto'], ['post', '/api/projects/{id}/reports', 'SubmitReportDto'],
        ['post', '/api/reports/{id}/review', 'ReviewReportDto'], ['post', '/api/projects/{id}/milestones/{mid}/extension-requests', 'RequestExtensionDto'],
        ['post', '/api/extension-requests/{id}/decision', 'DecideExtensionDto'], ['post', '/api/projects/{id}/close', 'CloseProjectDto'],
        ['put', '/api/projects/{id}/milestones', 'AmendMilestonesDto'],
      ];
      for (const [method, path, schema] of expected) {
        expect(`${method} ${path}: ${bodyOf(method, path)}`).toBe(`${method} ${path}: #/components/schemas/${schema}`);
        expect(doc.components.schemas[schema]).toBeDefined();
      }
      const project = doc.components.schemas.CreateProjectDto;
      expect(project.required).toEqual(expect.arrayContaining(['kind', 'planId', 'name', 'leadUnitId', 'ownerUserId', 'startDate', 'dueDate']));
      expect(project.properties.kind.enum).toEqual(expect.arrayContaining(['generic', 'teacher_rotation']));
      // Project creation is one body per kind, discriminated by kind, each the common fields plus its kind's targets.
      const perKind = doc.paths['/api/projects'].post.requestBody.content['application/json'].schema;
      expect(perKind.discriminator.propertyName).toBe('kind');
      expect(perKind.oneOf).toHaveLength(project.properties.kind.enum.length);
      for (const k of project.properties.kind.enum as string[]) {
        const body = doc.components.schemas[perKind.discriminator.mapping[k].split('/').pop()];
        expect(body.allOf[0].$ref).toBe('#/components/schemas/CreateProjectDto');
        expect(body.allOf[1].properties.kind.enum).toEqual([k]);
      }
      expect(project.properties.milestones.items.$ref).toBe('#/components/schemas/MilestoneInputDto');
      expect(doc.components.schemas.ReviewReportDto.properties.decision.enum).toEqual(['accept', 'return']);
      const listParams = doc.paths['/api/projects'].get.parameters.map((p: { name: string }) => p.name);
      expect(listParams).toEqual(expect.arrayContaining(['planId', 'unitId', 'kind', 'status', 'q', 'page', 'pageSize']));
      expect(doc.paths['/api/projects/{id}/reports'].post.parameters.map((p: { name: string }) => p.name)).toContain('Idempotency-Key');
      expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    });
  });

  it('answers an unknown route in the one error shape', async () => {
    expectProblem(await stack.http.get('/api/nothing-here').set('Authorization', org.leader), 404);
  });
});
