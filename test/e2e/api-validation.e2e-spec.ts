import { randomUUID } from 'node:crypto';
import { createProject, events, expectProblem, fingerprint, genericProject, refusedWithoutChange, rotationProject } from '../helpers/api-fixtures';
import { useTestStack } from '../helpers/test-stack';

const SQL = "'); DROP TABLE projects; --";
const HTML = '<script>alert(1)</script>';

// The stack starts a Nest app and a worker on a shared machine: more than jest's 5 s default.
jest.setTimeout(60_000);

describe('bad input, as a careless or hostile user sends it: a clear 4xx naming the field, and nothing changes', () => {
  let project: Record<string, any>;
  let rotation: Record<string, any>;

  const { stack, org } = useTestStack();
  beforeAll(async () => {
    project = await createProject(stack, org.coordinator, genericProject(org));
    rotation = await createProject(stack, org.coordinator, rotationProject(org));
  });

  const post = (path: string, auth: string) => stack.http.post(path).set('Authorization', auth);
  const raw = (path: string, auth: string, body: string) => post(path, auth).set('Content-Type', 'application/json').send(body);

  describe('malformed bodies', () => {
    it.each([
      ['a cut-off object', '{"kind": "generic", "name": '],
      ['a trailing comma', '{"name": "x",}'],
      ['single quotes', "{'name': 'x'}"],
      ['a bare string', '"generic"'],
      ['null', 'null'],
    ])('refuses %s with 400 naming body', async (_, body) => {
      const res = await refusedWithoutChange(stack, () => raw('/api/projects', org.coordinator, body), 400, 'body');
      expect(res.body.message).toMatch(/JSON/);
    });

    it('refuses a list where an object is expected, naming body', async () => {
      await refusedWithoutChange(stack, () => raw('/api/projects', org.coordinator, JSON.stringify([genericProject(org)])), 400, 'body');
      await refusedWithoutChange(stack, () => raw(`/api/projects/${project.id}/reports`, org.owner, '[]'), 400, 'body');
    });

    it('refuses malformed JSON on every kind of write, sign-in included', async () => {
      await refusedWithoutChange(stack, () => raw(`/api/projects/${project.id}/reports`, org.owner, '{"narrative": "x"'), 400, 'body');
      await refusedWithoutChange(stack, () => stack.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"username":'), 400, 'body');
    });

    it('refuses a body over 256 kB with 413', async () => {
      const huge = { narrative: 'x'.repeat(300 * 1024) };
      await refusedWithoutChange(stack, () => post(`/api/projects/${project.id}/reports`, org.owner).send(huge), 413);
      await refusedWithoutChange(stack, () => post('/api/projects', org.coordinator).send({ ...genericProject(org), name: '大'.repeat(100_000) }), 413);
    });

    it('refuses a long text under the body limit by its own limit, naming the field', async () => {
      await refusedWithoutChange(stack, () => post(`/api/projects/${project.id}/reports`, org.owner).send({ narrative: 'x'.repeat(20_000) }), 400, 'narrative');
    });
  });

  describe('wrong types', () => {
    it.each([
      ['name', { name: 42 }],
      ['kind', { kind: 'rocket' }],
      ['planId', { planId: 'plan-1' }],
      ['startDate', { startDate: 20270101 }],
      ['dueDate', { dueDate: '2027-02-30' }],
      ['milestones', { milestones: 'm1' }],
      ['milestones[0].name', { milestones: [{ id: 'm1', name: ['x'], dueDate: '2027-06-30' }] }],
      ['milestones[0].weight', { milestones: [{ id: 'm1', name: 'x', dueDate: '2027-06-30', weight: -1 }] }],
      ['milestones[0].id', { milestones: [{ id: 'M 1', name: 'x', dueDate: '2027-06-30' }] }],
      ['targets', { targets: [1, 2] }],
    ])('a project with a bad %s', async (field, over) => {
      await refusedWithoutChange(stack, () => post('/api/projects', org.coordinator).send(genericProject(org, over)), 400, field);
    });

    it.each([
      ['narrative', { narrative: 123 }],
      ['figures', { narrative: 'x', figures: [1] }],
      ['evidence', { narrative: 'x', evidence: 'https://example.org/photo.jpg' }],
      ['evidence', { narrative: 'x', evidence: ['javascript:alert(1)'] }],
      ['milestoneId', { narrative: 'x', milestoneId: { $ne: null } }],
    ])('a report with a bad %s', async (field, body) => {
      await refusedWithoutChange(stack, () => post(`/api/projects/${project.id}/reports`, org.owner).send(body), 400, field);
    });

    it.each([
      ['figures.rotated', { eligible: 100, rotated: '12', rotatedBackbone: 3 }],
      ['figures.eligible', { eligible: 10.5, rotated: 1, rotatedBackbone: 0 }],
    ])('rotation figures with a bad %s', async (field, figures) => {
      await refusedWithoutChange(stack, () => post(`/api/projects/${rotation.id}/reports`, org.owner).send({ narrative: '本学年交流情况', figures }), 400, field);
    });

    it('bad query parameters of a list', async () => {
      expectProblem(await stack.http.get('/api/projects?page=0').set('Authorization', org.leader), 400, 'page');
      expectProblem(await stack.http.get('/api/projects?pageSize=10000').set('Authorization', org.leader), 400, 'pageSize');
      expectProblem(await stack.http.get('/api/projects?page=abc').set('Authorization', org.leader), 400, 'page');
      expectProblem(await stack.http.get('/api/projects?status=purple').set('Authorization', org.leader), 400, 'status');
      expectProblem(await stack.http.get('/api/projects?planId=1%20OR%201=1').set('Authorization', org.leader), 400, 'planId');
      expectProblem(await stack.http.get('/api/dashboard?planId=x').set('Authorization', org.leader), 400, 'planId');
      expectProblem(await stack.http.get('/api/notifications?unread=maybe').set('Authorization', org.owner), 400, 'unread');
      expectProblem(await stack.http.get('/api/projects?q=a&q=b').set('Authorization', org.leader), 400, 'q');
    });

    it('a review or a decision that is neither of the choices, or a return without a comment', async () => {
      const report = await post(`/api/projects/${project.id}/reports`, org.owner).send({ narrative: '进度说明' }).expect(201);
      await refusedWithoutChange(stack, () => post(`/api/reports/${report.body.report.id}/review`, org.coordinator).send({ decision: 'maybe' }), 400, 'decision');
      await refusedWithoutChange(stack, () => post(`/api/reports/${report.body.report.id}/review`, org.coordinator).send({ decision: 'return' }), 400, 'comment');
      await refusedWithoutChange(stack, () => post(`/api/reports/${report.body.report.id}/review`, org.coordinator).send({ decision: 'return', comment: '   ' }), 400, 'comment');
    });
  });

  describe('unknown fields', () => {
    it('at the top of a body', async () => {
      await refusedWithoutChange(stack, () => post('/api/projects', org.coordinator).send({ ...genericProject(org), status: 'done' }), 400, 'status');
      await refusedWithoutChange(stack, () => post(`/api/projects/${project.id}/reports`, org.owner).send({ narrative: 'x', state: 'accepted' }), 400, 'state');
      await refusedWithoutChange(stack, () => post('/api/users', org.admin).send({ username: 'u1', displayName: 'u', password: 'password-123', role: 'leader', isAdmin: true }), 400, 'isAdmin');
    });

    it('inside nested objects and lists', async () => {
      await refusedWithoutChange(stack, () => post('/api/projects', org.coordinator).send(genericProject(org, { milestones: [{ id: 'm1', name: 'x', dueDate: '2027-06-30', state: 'accepted' }] })), 400, 'milestones[0].state');
      await refusedWithoutChange(stack, () => post('/api/projects', org.coordinator).send(rotationProject(org, { targets: { checkDate: '2027-09-30', minRatio: 0.1 } })), 400, 'targets.minRatio');
      await refusedWithoutChange(stack, () => post(`/api/projects/${rotation.id}/reports`, org.owner).send({ narrative: 'x', figures: { eligible: 10, rotated: 1, rotatedBackbone: 0, bonus: 1 } }), 400, 'figures.bonus');
      await refusedWithoutChange(stack, () => post('/api/projects', org.coordinator).send(genericProject(org, { policy: { reminders: ['P5D'], color: 'red' } })), 400, 'policy.color');
    });

    it('in a query string', async () => {
      expectProblem(await stack.http.get('/api/projects?sort=name').set('Authorization', org.leader), 400, 'sort');
    });

    it('that try to reach the prototype', async () => {
      for (const key of ['__proto__', 'constructor']) {
        const body = `{"narrative": "x", "${key}": {"prototype": {"state": "accepted"}}}`;
        await refusedWithoutChange(stack, () => raw(`/api/projects/${project.id}/reports`, org.owner, body), 400, key);
      }
      await refusedWithoutChange(stack, () => raw(`/api/projects/${rotation.id}/reports`, org.owner, '{"narrative": "x", "figures": {"__proto__": {"eligible": 1}}}'), 400, 'figures.__proto__');
      expect(({} as Record<string, unknown>).state).toBeUndefined();
    });

    it('nested absurdly deep', async () => {
      let deep: unknown = 1;
      for (let i = 0; i < 5000; i++) deep = { a: deep };
      await refusedWithoutChange(stack, () => post(`/api/projects/${rotation.id}/reports`, org.owner).send({ narrative: 'x', figures: deep }), 400);
    });
  });

  describe('unknown ids: 404', () => {
    const unknown = randomUUID();
    it.each([
      ['a project', () => `/api/projects/${unknown}`],
      ['a project that is not even an id', () => '/api/projects/not-an-id'],
      ['the events of an unknown project', () => `/api/projects/${unknown}/events`],
      ['the reports of an unknown project', () => `/api/projects/${unknown}/reports`],
      ['a plan', () => `/api/plans/${unknown}`],
      ['a report', () => `/api/reports/${unknown}`],
      ['an extension request', () => `/api/extension-requests/${unknown}`],
    ])('reading %s', async (_, path) => {
      expectProblem(await stack.http.get(path()).set('Authorization', org.leader), 404);
    });

    it('writing to what does not exist', async () => {
      await refusedWithoutChange(stack, () => post(`/api/projects/${unknown}/reports`, org.owner).send({ narrative: 'x' }), 404);
      await refusedWithoutChange(stack, () => post(`/api/reports/${unknown}/review`, org.coordinator).send({ decision: 'accept' }), 404);
      await refusedWithoutChange(stack, () => post(`/api/extension-requests/${unknown}/decision`, org.coordinator).send({ decision: 'approve' }), 404);
      await refusedWithoutChange(stack, () => post(`/api/projects/${unknown}/close`, org.coordinator).send({ reason: 'x' }), 404);
      await refusedWithoutChange(stack, () => stack.http.put(`/api/projects/${unknown}/milestones`).set('Authorization', org.coordinator).send({ milestones: [{ id: 'm1', name: 'x', dueDate: '2027-06-30' }] }), 404);
      await refusedWithoutChange(stack, () => post(`/api/notifications/${unknown}/read`, org.owner).send(), 404);
    });

    it('referring to what does not exist, naming the field', async () => {
      await refusedWithoutChange(stack, () => post(`/api/projects/${project.id}/reports`, org.owner).send({ narrative: 'x', milestoneId: 'no-such' }), 404, 'milestoneId');
      await refusedWithoutChange(stack, () => post(`/api/projects/${project.id}/milestones/no-such/extension-requests`, org.owner).send({ newDueAt: '2027-08-31T23:59:59+08:00', reason: '施工延误' }), 404, 'milestoneId');
      await refusedWithoutChange(stack, () => post('/api/projects', org.coordinator).send(genericProject(org, { planId: unknown })), 404, 'planId');
      await refusedWithoutChange(stack, () => post('/api/projects', org.coordinator).send(genericProject(org, { leadUnitId: unknown })), 404, 'leadUnitId');
      await refusedWithoutChange(stack, () => post('/api/projects', org.coordinator).send(genericProject(org, { ownerUserId: unknown })), 404, 'ownerUserId');
      await refusedWithoutChange(stack, () => post('/api/projects', org.coordinator).send(genericProject(org, { ownerUserId: org.leaderId })), 400, 'ownerUserId');
      await refusedWithoutChange(stack, () => post('/api/projects', org.coordinator).send(genericProject(org, { ownerUserId: org.otherOwnerId })), 400, 'ownerUserId');
      await refusedWithoutChange(stack, () => post('/api/units', org.admin).send({ code: 'orphan', name: '孤儿单位', type: 'school', parentId: unknown }), 404, 'parentId');
      await refusedWithoutChange(stack, () => post('/api/users', org.admin).send({ username: 'ghost', displayName: 'g', password: 'password-123', role: 'owner', unitId: unknown }), 404, 'unitId');
    });

    it('a plan coordinated by someone who does not exist or is not a coordinator', async () => {
      await refusedWithoutChange(stack, () => post('/api/plans', org.coordinator).send({ name: '计划', year: 2027, coordinatorIds: [unknown] }), 404, 'coordinatorIds[0]');
      await refusedWithoutChange(stack, () => post('/api/plans', org.coordinator).send({ name: '计划', year: 2027, coordinatorIds: [org.coordinatorId, org.ownerId] }), 400, 'coordinatorIds[1]');
    });
  });

  describe('dates out of order', () => {
    it('a due date before the start date', async () => {
      await refusedWithoutChange(stack, () => post('/api/projects', org.coordinator).send(genericProject(org, { startDate: '2027-06-01', dueDate: '2027-05-31' })), 400, 'dueDate');
    });

    it('a milestone due before the project starts', async () => {
      await refusedWithoutChange(stack, () => post('/api/projects', org.coordinator).send(genericProject(org, { milestones: [{ id: 'm1', name: 'x', dueDate: '2026-12-31' }] })), 400, 'milestones[0].dueDate');
      await refusedWithoutChange(stack, () => stack.http.put(`/api/projects/${project.id}/milestones`).set('Authorization', org.coordinator).send({ milestones: [{ id: 'm1', name: 'x', dueDate: '2026-12-31' }] }), 400, 'milestones[0].dueDate');
    });

    it('an amendment naming no milestone id (it could silently rename another milestone)', async () => {
      await refusedWithoutChange(stack, () => stack.http.put(`/api/projects/${project.id}/milestones`).set('Authorization', org.coordinator).send({ milestones: [{ name: 'renamed?', dueDate: '2027-06-30' }] }), 400, 'milestones[0].id');
    });

    it('an extension to a day before the current deadline, or to a day that does not exist', async () => {
      const path = `/api/projects/${project.id}/milestones/m1/extension-requests`;
      await refusedWithoutChange(stack, () => post(path, org.owner).send({ newDueAt: '2027-05-31T23:59:59+08:00', reason: '提前' }), 400, 'newDueAt');
      // 31 September would otherwise roll over to 1 October, after the deadline, and pass.
      await refusedWithoutChange(stack, () => post(path, org.owner).send({ newDueAt: '2027-09-31T23:59:59+08:00', reason: '不存在的日期' }), 400, 'newDueAt');
      await refusedWithoutChange(stack, () => post(path, org.owner).send({ newDueAt: '2027-09-30T24:00:00+08:00', reason: '不存在的时刻' }), 400, 'newDueAt');
      await refusedWithoutChange(stack, () => post(path, org.owner).send({ newDueAt: '2027-08-31', reason: '缺时区' }), 400, 'newDueAt');
    });
  });

  describe('negative figures', () => {
    it('refuses a negative count, naming it', async () => {
      const res = await refusedWithoutChange(stack, () => post(`/api/projects/${rotation.id}/reports`, org.owner).send({ narrative: '本学年交流情况', figures: { eligible: 100, rotated: -1, rotatedBackbone: 0 } }), 400, 'figures.rotated');
      expect(res.body.message).toMatch(/figures\.rotated/);
    });

    it('refuses more rotated than eligible', async () => {
      await refusedWithoutChange(stack, () => post(`/api/projects/${rotation.id}/reports`, org.owner).send({ narrative: 'x', figures: { eligible: 10, rotated: 11, rotatedBackbone: 0 } }), 400, 'figures.rotated');
    });

    it('refuses a negative ratio in the targets and a negative weight', async () => {
      await refusedWithoutChange(stack, () => post('/api/projects', org.coordinator).send(rotationProject(org, { targets: { checkDate: '2027-09-30', minRate: -0.1 } })), 400, 'targets.minRate');
    });
  });

  describe('strings with SQL or HTML in them: stored and shown verbatim, nothing else changes', () => {
    it('a project named like an injection', async () => {
      const before = await stack.ds.query('SELECT id, name, status, version FROM projects ORDER BY id');
      const sql = await createProject(stack, org.coordinator, genericProject(org, { name: SQL, milestones: [{ id: 'm1', name: HTML, dueDate: '2027-06-30' }] }));
      const html = await createProject(stack, org.coordinator, genericProject(org, { name: HTML, responsibleHead: `${HTML}${SQL}` }));
      expect(sql.name).toBe(SQL);
      const got = await stack.http.get(`/api/projects/${sql.id}`).set('Authorization', org.owner).expect(200);
      expect(got.body.name).toBe(SQL);
      expect(got.body.milestones[0].name).toBe(HTML);
      const got2 = await stack.http.get(`/api/projects/${html.id}`).set('Authorization', org.owner).expect(200);
      expect(got2.body).toMatchObject({ name: HTML, responsibleHead: `${HTML}${SQL}` });
      expect(got2.headers['content-type']).toMatch(/^application\/json/);
      const after = await stack.ds.query('SELECT id, name, status, version FROM projects WHERE id <> ALL($1) ORDER BY id', [[sql.id, html.id]]);
      expect(after).toEqual(before);
    });

    it('searches with SQL and LIKE wildcards in the text, finding only what matches literally', async () => {
      const found = await stack.http.get('/api/projects').query({ q: 'DROP TABLE' }).set('Authorization', org.leader).expect(200);
      expect(found.body.items.map((p: { name: string }) => p.name)).toEqual([SQL]);
      const quote = await stack.http.get('/api/projects').query({ q: "'); DROP" }).set('Authorization', org.leader).expect(200);
      expect(quote.body.total).toBe(1);
      const wildcard = await stack.http.get('/api/projects').query({ q: '%' }).set('Authorization', org.leader).expect(200);
      expect(wildcard.body.total).toBe(0);
      const { total } = (await stack.http.get('/api/projects').set('Authorization', org.leader).expect(200)).body;
      expect(total).toBe((await stack.ds.query('SELECT count(*)::int AS n FROM projects'))[0].n);
    });

    it('a report whose narrative and evidence carry markup', async () => {
      const narrative = `${HTML} <img src=x onerror=alert(1)> ${SQL}`;
      const res = await post(`/api/projects/${rotation.id}/reports`, org.owner)
        .send({ narrative, evidence: ['https://example.org/photos/1.jpg?caption=%3Cb%3E'], figures: { eligible: 100, rotated: 12, rotatedBackbone: 3 } }).expect(201);
      expect(res.body.report.narrative).toBe(narrative);
      const list = await stack.http.get(`/api/projects/${rotation.id}/reports`).set('Authorization', org.coordinator).expect(200);
      expect(list.body.find((r: { id: string }) => r.id === res.body.report.id).narrative).toBe(narrative);
      const evs = await events(stack, rotation.id);
      expect(evs.filter((e) => e.type === 'report.submitted')).toHaveLength(1);
    });

    it('a unit and a user named with markup', async () => {
      const unit = await post('/api/units', org.admin).send({ code: 'odd-school', name: `${HTML}${SQL}`, type: 'school', parentId: org.districtId }).expect(201);
      const units = await stack.http.get('/api/units').query({ under: org.districtId }).set('Authorization', org.admin).expect(200);
      expect(units.body.items.find((u: { id: string }) => u.id === unit.body.id).name).toBe(`${HTML}${SQL}`);
      const user = await post('/api/users', org.admin).send({ username: 'o.brien', displayName: "O'Brien <b>", password: "'; --password", role: 'leader' }).expect(201);
      expect(user.body.displayName).toBe("O'Brien <b>");
      await stack.http.post('/api/auth/login').send({ username: 'o.brien', password: "'; --password" }).expect(200);
      await stack.http.post('/api/auth/login').send({ username: "admin' --", password: 'x' }).expect(401);
    });
  });

  describe('characters the database cannot store', () => {
    it('refuses a NUL character in any text, naming the field, and nothing changes', async () => {
      await refusedWithoutChange(stack, () => post('/api/projects', org.coordinator).send(genericProject(org, { name: 'a\u0000b' })), 400, 'name');
      await refusedWithoutChange(stack, () => post('/api/projects', org.coordinator).send(genericProject(org, { milestones: [{ id: 'm1', name: 'x\u0000', dueDate: '2027-06-30' }] })), 400, 'milestones[0].name');
      await refusedWithoutChange(stack, () => post(`/api/projects/${project.id}/reports`, org.owner).send({ narrative: '\u0000' }), 400, 'narrative');
      await refusedWithoutChange(stack, () => post('/api/units', org.admin).send({ code: 'nul', name: 'x\u0000', type: 'school' }), 400, 'name');
      await refusedWithoutChange(stack, () => stack.http.post('/api/auth/login').send({ username: 'admin\u0000', password: 'x' }), 400, 'username');
      expectProblem(await stack.http.get('/api/projects').query({ q: 'a\u0000' }).set('Authorization', org.leader), 400, 'q');
    });
  });

  describe('Idempotency-Key', () => {
    it.each([
      ['a space', 'my key'],
      ['a slash and a quote', "k/'1"],
      ['more than 200 characters', 'k'.repeat(201)],
      ['nothing in it', ''],
    ])('refuses a key with %s, naming the header', async (_, key) => {
      await refusedWithoutChange(stack, () => post('/api/projects', org.coordinator).set('Idempotency-Key', key).send(genericProject(org)), 400, 'header.Idempotency-Key');
      await refusedWithoutChange(stack, () => post(`/api/projects/${project.id}/reports`, org.owner).set('Idempotency-Key', key).send({ narrative: 'x' }), 400, 'header.Idempotency-Key');
    });
  });

  it('left every refused project out of the read model and the audit trail', async () => {
    const rows = await stack.ds.query('SELECT count(*)::int AS n FROM projects');
    expect(rows[0].n).toBe(4);
    const created = await stack.ds.query(`SELECT count(*)::int AS n FROM project_events WHERE type = 'project.created'`);
    expect(created[0].n).toBe(4);
  });
});
