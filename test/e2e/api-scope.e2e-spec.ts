import { randomUUID } from 'node:crypto';
import { createProject, events, expectProblem, genericProject, otherCoordinator, refusedWithoutChange } from '../helpers/api-fixtures';
import { login } from '../helpers/stack';
import { useTestStack } from '../helpers/test-stack';

// The stack starts a Nest app and a worker on a shared machine: more than jest's 5 s default.
jest.setTimeout(60_000);

describe('unit scope and roles: who reads and writes which project', () => {
  let schoolOwner: string;
  let coordinator2: { auth: string; id: string; planId: string };
  /** A: the district's; S: its school's; B: the other district's; C: the other district's in coordinator 2's plan. */
  let A: Record<string, any>, S: Record<string, any>, B: Record<string, any>, C: Record<string, any>;
  let reportA: string;
  let extensionA: string;

  const { stack, org } = useTestStack();
  beforeAll(async () => {
    const user = await stack.http.post('/api/users').set('Authorization', org.admin)
      .send({ username: 'school-owner', displayName: '中牟一中校长', password: 'password-123', role: 'owner', unitId: org.schoolId }).expect(201);
    schoolOwner = await login(stack, 'school-owner', 'password-123');
    coordinator2 = await otherCoordinator(stack, org);
    A = await createProject(stack, org.coordinator, genericProject(org, { name: '县域均衡实施意见' }));
    S = await createProject(stack, org.coordinator, genericProject(org, { name: '一中标准化建设', leadUnitId: org.schoolId, ownerUserId: user.body.id }));
    B = await createProject(stack, org.coordinator, genericProject(org, { name: '金水区集团化办学', leadUnitId: org.otherDistrictId, ownerUserId: org.otherOwnerId }));
    C = await createProject(stack, coordinator2.auth, genericProject(org, { name: '金水区新建小学', planId: coordinator2.planId, leadUnitId: org.otherDistrictId, ownerUserId: org.otherOwnerId }));
    reportA = (await stack.http.post(`/api/projects/${A.id}/reports`).set('Authorization', org.owner).send({ milestoneId: 'm1', narrative: '实施意见已起草' }).expect(201)).body.report.id;
    extensionA = (await stack.http.post(`/api/projects/${A.id}/milestones/m1/extension-requests`).set('Authorization', org.owner)
      .send({ newDueAt: '2027-09-30T23:59:59+08:00', reason: '等待县政府常务会审议' }).expect(201)).body.extensionRequest.id;
  });

  const ids = async (auth: string, query: Record<string, string> = {}) =>
    ((await stack.http.get('/api/projects').query(query).set('Authorization', auth).expect(200)).body.items as Array<{ id: string }>).map((p) => p.id).sort();
  const sorted = (...xs: Array<Record<string, any>>) => xs.map((x) => x.id as string).sort();

  describe('owners', () => {
    it('see the projects of their unit and of the units below it, and nothing else', async () => {
      expect(await ids(org.owner)).toEqual(sorted(A, S));
      expect(await ids(org.head)).toEqual(sorted(A, S));
      expect(await ids(schoolOwner)).toEqual(sorted(S));
      expect(await ids(org.otherOwner)).toEqual(sorted(B, C));
    });

    it('cannot widen their scope with filters', async () => {
      expect(await ids(org.owner, { unitId: org.otherDistrictId })).toEqual([]);
      expect(await ids(org.owner, { unitId: org.cityId })).toEqual(sorted(A, S));
      expect(await ids(org.owner, { q: '金水' })).toEqual([]);
      expect(await ids(org.owner, { planId: coordinator2.planId })).toEqual([]);
    });

    it('count only their scope on the dashboard', async () => {
      const mine = (await stack.http.get('/api/dashboard').set('Authorization', org.owner).expect(200)).body;
      expect(mine.total).toBe(2);
      expect(mine.ranking.map((r: { unitId: string }) => r.unitId).sort()).toEqual([org.districtId, org.schoolId].sort());
      const theirs = (await stack.http.get('/api/dashboard').set('Authorization', org.otherOwner).expect(200)).body;
      expect(theirs.total).toBe(2);
      expect(theirs.ranking.map((r: { unitId: string }) => r.unitId)).toEqual([org.otherDistrictId]);
    });

    it("get 404 for another unit's project on every route, as for a project that does not exist", async () => {
      const unknown = randomUUID();
      for (const path of [`/api/projects/{id}`, `/api/projects/{id}/events`, `/api/projects/{id}/reports`, `/api/projects/{id}/extension-requests`]) {
        const outside = await stack.http.get(path.replace('{id}', A.id)).set('Authorization', org.otherOwner);
        const missing = await stack.http.get(path.replace('{id}', unknown)).set('Authorization', org.otherOwner);
        expectProblem(outside, 404);
        expect(outside.body).toEqual(JSON.parse(JSON.stringify(missing.body).replaceAll(unknown, A.id)));
      }
      expectProblem(await stack.http.get(`/api/reports/${reportA}`).set('Authorization', org.otherOwner), 404);
      expectProblem(await stack.http.get(`/api/extension-requests/${extensionA}`).set('Authorization', org.otherOwner), 404);
      expectProblem(await stack.http.get(`/api/projects/${A.id}`).set('Authorization', schoolOwner), 404);
    });

    it("get 404 writing to another unit's project, and the project, its events and its reports stay as they were", async () => {
      const before = (await stack.http.get(`/api/projects/${A.id}`).set('Authorization', org.coordinator).expect(200)).body;
      const trail = await events(stack, A.id);
      await refusedWithoutChange(stack, () => stack.http.post(`/api/projects/${A.id}/reports`).set('Authorization', org.otherOwner).send({ narrative: '越权填报' }), 404);
      await refusedWithoutChange(stack, () => stack.http.post(`/api/projects/${A.id}/reports`).set('Authorization', org.otherOwner).set('Idempotency-Key', 'k-1').send({ narrative: '越权填报' }), 404);
      await refusedWithoutChange(stack, () => stack.http.post(`/api/projects/${A.id}/milestones/m1/extension-requests`).set('Authorization', schoolOwner)
        .send({ newDueAt: '2027-12-31T23:59:59+08:00', reason: '越权申请' }), 404);
      expect((await stack.http.get(`/api/projects/${A.id}`).set('Authorization', org.coordinator).expect(200)).body).toEqual(before);
      expect(await events(stack, A.id)).toEqual(trail);
      const reports = (await stack.http.get(`/api/projects/${A.id}/reports`).set('Authorization', org.owner).expect(200)).body;
      expect(reports.map((r: { id: string }) => r.id)).toEqual([reportA]);
    });

    it('write on the projects of the units below them', async () => {
      const res = await stack.http.post(`/api/projects/${S.id}/reports`).set('Authorization', org.owner).send({ narrative: '县局代报：校舍改造已完成' }).expect(201);
      expect(res.body.report).toMatchObject({ projectId: S.id, submittedBy: org.ownerId, state: 'submitted' });
    });

    it('do not review, decide, close or amend', async () => {
      await refusedWithoutChange(stack, () => stack.http.post(`/api/reports/${reportA}/review`).set('Authorization', org.owner).send({ decision: 'accept' }), 403);
      await refusedWithoutChange(stack, () => stack.http.post(`/api/extension-requests/${extensionA}/decision`).set('Authorization', org.owner).send({ decision: 'approve' }), 403);
      await refusedWithoutChange(stack, () => stack.http.post(`/api/projects/${A.id}/close`).set('Authorization', org.owner).send({ reason: '自行关闭' }), 403);
      await refusedWithoutChange(stack, () => stack.http.put(`/api/projects/${A.id}/milestones`).set('Authorization', org.owner).send({ milestones: [{ id: 'm1', name: '出台实施意见', dueDate: '2027-12-31' }] }), 403);
    });
  });

  describe('leaders', () => {
    it('read everything', async () => {
      expect(await ids(org.leader)).toEqual(sorted(A, S, B, C));
      for (const p of [A, B, C]) await stack.http.get(`/api/projects/${p.id}`).set('Authorization', org.leader).expect(200);
      await stack.http.get(`/api/projects/${B.id}/events`).set('Authorization', org.leader).expect(200);
      await stack.http.get(`/api/reports/${reportA}`).set('Authorization', org.leader).expect(200);
      await stack.http.get(`/api/extension-requests/${extensionA}`).set('Authorization', org.leader).expect(200);
      expect((await stack.http.get('/api/dashboard').set('Authorization', org.leader).expect(200)).body.total).toBe(4);
    });

    it('write nothing: 403, and nothing changes', async () => {
      const L = org.leader;
      const writes = [
        () => stack.http.post('/api/projects').set('Authorization', L).send(genericProject(org)),
        () => stack.http.post(`/api/projects/${A.id}/reports`).set('Authorization', L).send({ narrative: '领导代报' }),
        () => stack.http.post(`/api/projects/${A.id}/milestones/m1/extension-requests`).set('Authorization', L).send({ newDueAt: '2027-12-31T23:59:59+08:00', reason: 'x' }),
        () => stack.http.post(`/api/reports/${reportA}/review`).set('Authorization', L).send({ decision: 'accept' }),
        () => stack.http.post(`/api/extension-requests/${extensionA}/decision`).set('Authorization', L).send({ decision: 'approve' }),
        () => stack.http.post(`/api/projects/${A.id}/close`).set('Authorization', L).send({ reason: '领导叫停' }),
        () => stack.http.put(`/api/projects/${A.id}/milestones`).set('Authorization', L).send({ milestones: [{ id: 'm1', name: 'x', dueDate: '2027-12-31' }] }),
        () => stack.http.post('/api/plans').set('Authorization', L).send({ name: '领导计划', year: 2027 }),
        () => stack.http.post('/api/units').set('Authorization', L).send({ code: 'leader-unit', name: 'x', type: 'office' }),
        () => stack.http.post('/api/users').set('Authorization', L).send({ username: 'leader-2', displayName: 'x', password: 'password-123', role: 'leader' }),
      ];
      for (const write of writes) await refusedWithoutChange(stack, write, 403);
    });
  });

  describe('coordinators', () => {
    it('read projects of plans they do not coordinate', async () => {
      await stack.http.get(`/api/projects/${A.id}`).set('Authorization', coordinator2.auth).expect(200);
      await stack.http.get(`/api/projects/${C.id}`).set('Authorization', org.coordinator).expect(200);
    });

    it('act only on the plans they coordinate: 403 elsewhere, and nothing changes', async () => {
      const K = coordinator2.auth;
      await refusedWithoutChange(stack, () => stack.http.post('/api/projects').set('Authorization', K).send(genericProject(org)), 403);
      await refusedWithoutChange(stack, () => stack.http.post(`/api/reports/${reportA}/review`).set('Authorization', K).send({ decision: 'accept' }), 403);
      await refusedWithoutChange(stack, () => stack.http.post(`/api/extension-requests/${extensionA}/decision`).set('Authorization', K).send({ decision: 'approve' }), 403);
      await refusedWithoutChange(stack, () => stack.http.post(`/api/projects/${A.id}/close`).set('Authorization', K).send({ reason: '越权关闭' }), 403);
      await refusedWithoutChange(stack, () => stack.http.put(`/api/projects/${A.id}/milestones`).set('Authorization', K).send({ milestones: [{ id: 'm1', name: 'x', dueDate: '2027-12-31' }] }), 403);
      await refusedWithoutChange(stack, () => stack.http.post('/api/projects').set('Authorization', org.coordinator).send(genericProject(org, { planId: coordinator2.planId })), 403);
    });

    it('become able to act once added to a plan', async () => {
      const plan = await stack.http.post('/api/plans').set('Authorization', org.coordinator).send({ name: '联合督办', year: 2027, coordinatorIds: [coordinator2.id] }).expect(201);
      expect(plan.body.coordinatorIds.sort()).toEqual([org.coordinatorId, coordinator2.id].sort());
      await createProject(stack, coordinator2.auth, genericProject(org, { planId: plan.body.id, name: '联合督办项目' }));
    });

    it('do not submit reports or ask for extensions', async () => {
      await refusedWithoutChange(stack, () => stack.http.post(`/api/projects/${A.id}/reports`).set('Authorization', org.coordinator).send({ narrative: '代报' }), 403);
      await refusedWithoutChange(stack, () => stack.http.post(`/api/projects/${A.id}/milestones/m1/extension-requests`).set('Authorization', org.coordinator).send({ newDueAt: '2027-12-31T23:59:59+08:00', reason: 'x' }), 403);
    });
  });

  describe('the admin', () => {
    it('reads every project but acts on none', async () => {
      expect((await ids(org.admin)).length).toBeGreaterThanOrEqual(4);
      await refusedWithoutChange(stack, () => stack.http.post(`/api/reports/${reportA}/review`).set('Authorization', org.admin).send({ decision: 'accept' }), 403);
      await refusedWithoutChange(stack, () => stack.http.post(`/api/projects/${A.id}/reports`).set('Authorization', org.admin).send({ narrative: 'x' }), 403);
    });
  });

  it('lets every role read what it may: the read routes, role by role', async () => {
    const roles = { admin: org.admin, coordinator: org.coordinator, leader: org.leader, owner: org.owner };
    const reads: Array<[string, Partial<Record<keyof typeof roles, number>>]> = [
      ['/api/units', {}], ['/api/users', { coordinator: 403, leader: 403, owner: 403 }], ['/api/users/me', {}],
      [`/api/units/${org.districtId}/accounts`, { leader: 403, owner: 403 }],
      ['/api/plans', {}], [`/api/plans/${org.planId}`, {}], ['/api/projects', {}], [`/api/projects/${A.id}`, {}],
      [`/api/projects/${A.id}/events`, {}], [`/api/projects/${A.id}/reports`, {}], [`/api/projects/${A.id}/extension-requests`, {}],
      [`/api/reports/${reportA}`, {}], [`/api/extension-requests/${extensionA}`, {}], ['/api/notifications', {}], ['/api/dashboard', {}],
      [`/api/projects/${B.id}`, { owner: 404 }],
    ];
    for (const [path, refused] of reads) {
      for (const [role, auth] of Object.entries(roles)) {
        const res = await stack.http.get(path).set('Authorization', auth);
        expect(`${role} GET ${path} → ${res.status}`).toBe(`${role} GET ${path} → ${refused[role as keyof typeof roles] ?? 200}`);
      }
    }
  });
});
