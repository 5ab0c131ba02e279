import { TEMPORAL_CLIENT } from '../../apps/api/src/common/tokens';
import { createProject, events, expectProblem, genericProject, otherCoordinator, refusedWithoutChange } from '../helpers/api-fixtures';
import { useTestStack } from '../helpers/test-stack';

// The stack starts a Nest app and a worker on a shared machine: more than jest's 5 s default.
jest.setTimeout(60_000);

describe('Idempotency-Key: a repeated request is answered once', () => {
  const { stack, org } = useTestStack();

  const count = async (sql: string, params: unknown[] = []) => (await stack.ds.query(sql, params))[0].n as number;
  const projects = () => count('SELECT count(*)::int AS n FROM projects');
  const ofType = async (projectId: string, type: string) => (await events(stack, projectId)).filter((e) => e.type === type).length;

  describe('creating a project', () => {
    it('twice with the same key: the same project, one workflow, one row', async () => {
      const before = await projects();
      const body = genericProject(org, { name: '重复提交的项目' });
      const first = await stack.http.post('/api/projects').set('Authorization', org.coordinator).set('Idempotency-Key', 'create-1').send(body).expect(201);
      const again = await stack.http.post('/api/projects').set('Authorization', org.coordinator).set('Idempotency-Key', 'create-1').send(body).expect(201);
      expect(again.body.id).toBe(first.body.id);
      expect(again.body).toEqual(first.body);
      expect(await projects()).toBe(before + 1);
      expect(await ofType(first.body.id, 'project.created')).toBe(1);
      const client = stack.app.get(TEMPORAL_CLIENT);
      const runs = [];
      for await (const w of client.workflow.list({ query: `WorkflowId = '${first.body.workflowId}'` })) runs.push(w.runId);
      const { runId } = await client.workflow.getHandle(first.body.workflowId).describe();
      expect(runs.length).toBeLessThanOrEqual(1);
      expect(runs.every((r: string) => r === runId)).toBe(true);
    });

    it('twice at the same moment with the same key: still one project', async () => {
      const before = await projects();
      const body = genericProject(org, { name: '并发提交的项目' });
      const send = () => stack.http.post('/api/projects').set('Authorization', org.coordinator).set('Idempotency-Key', 'create-concurrent').send(body);
      const [a, b] = await Promise.all([send(), send()]);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(b.body.id).toBe(a.body.id);
      expect(await projects()).toBe(before + 1);
      expect(await ofType(a.body.id, 'project.created')).toBe(1);
    });

    it('the same key with another body is refused, naming the header, and nothing changes', async () => {
      const res = await refusedWithoutChange(stack, () => stack.http.post('/api/projects').set('Authorization', org.coordinator).set('Idempotency-Key', 'create-1')
        .send(genericProject(org, { name: '换了名字的项目' })), 400, 'header.Idempotency-Key');
      expect(res.body.message).toMatch(/Idempotency-Key/);
    });

    it('the same key with the same body written in another key order is the same request', async () => {
      const body = genericProject(org, { name: '键序不同的重复提交' });
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const first = await stack.http.post('/api/projects').set('Authorization', org.coordinator).set('Idempotency-Key', 'create-reordered').send(body).expect(201);
      const again = await stack.http.post('/api/projects').set('Authorization', org.coordinator).set('Idempotency-Key', 'create-reordered').send(reordered).expect(201);
      expect(again.body.id).toBe(first.body.id);
    });

    it('without a key, two requests make two projects', async () => {
      const before = await projects();
      const a = await createProject(stack, org.coordinator, genericProject(org, { name: '无键项目' }));
      const b = await createProject(stack, org.coordinator, genericProject(org, { name: '无键项目' }));
      expect(a.id).not.toBe(b.id);
      expect(await projects()).toBe(before + 2);
    });

    it("keys belong to their caller: another coordinator's same key makes its own project", async () => {
      const mine = await stack.http.post('/api/projects').set('Authorization', org.coordinator).set('Idempotency-Key', 'shared-key').send(genericProject(org, { name: '甲' })).expect(201);
      const other = await otherCoordinator(stack, org);
      const theirs = await stack.http.post('/api/projects').set('Authorization', other.auth).set('Idempotency-Key', 'shared-key')
        .send(genericProject(org, { name: '乙', planId: other.planId })).expect(201);
      expect(theirs.body.id).not.toBe(mine.body.id);
      expect(theirs.body.name).toBe('乙');
    });
  });

  describe('the life of a project', () => {
    let project: Record<string, any>;
    let reportId: string;
    const reportCount = () => count('SELECT count(*)::int AS n FROM reports WHERE project_id = $1', [project.id]);

    beforeAll(async () => {
      project = await createProject(stack, org.coordinator, genericProject(org, { milestones: [{ id: 'm1', name: '出台实施意见', dueDate: '2027-06-30' }, { id: 'm2', name: '完成评估', dueDate: '2027-10-31' }] }));
    });

    it('a report twice with the same key: the same report, one row, one report.submitted event', async () => {
      const body = { milestoneId: 'm1', narrative: '实施意见已印发', evidence: ['https://example.org/docs/opinion.pdf'] };
      const first = await stack.http.post(`/api/projects/${project.id}/reports`).set('Authorization', org.owner).set('Idempotency-Key', 'report-1').send(body).expect(201);
      const again = await stack.http.post(`/api/projects/${project.id}/reports`).set('Authorization', org.owner).set('Idempotency-Key', 'report-1').send(body).expect(201);
      reportId = first.body.report.id;
      expect(again.body.report.id).toBe(reportId);
      expect(await reportCount()).toBe(1);
      expect(await ofType(project.id, 'report.submitted')).toBe(1);
    });

    it('the same report key with another body is refused, and nothing changes', async () => {
      await refusedWithoutChange(stack, () => stack.http.post(`/api/projects/${project.id}/reports`).set('Authorization', org.owner).set('Idempotency-Key', 'report-1')
        .send({ milestoneId: 'm1', narrative: '改过的说明' }), 400, 'header.Idempotency-Key');
    });

    it('without a key, the repeat of a milestone report is refused as already waiting, and nothing changes', async () => {
      await refusedWithoutChange(stack, () => stack.http.post(`/api/projects/${project.id}/reports`).set('Authorization', org.owner).send({ milestoneId: 'm1', narrative: '实施意见已印发' }), 409, 'milestoneId');
    });

    it('a review twice with the same key: one decision, one event; without the key the repeat is a conflict', async () => {
      const first = await stack.http.post(`/api/reports/${reportId}/review`).set('Authorization', org.coordinator).set('Idempotency-Key', 'review-1').send({ decision: 'accept' }).expect(200);
      const again = await stack.http.post(`/api/reports/${reportId}/review`).set('Authorization', org.coordinator).set('Idempotency-Key', 'review-1').send({ decision: 'accept' }).expect(200);
      expect(again.body).toEqual(first.body);
      expect(first.body.report.state).toBe('accepted');
      expect(await ofType(project.id, 'report.accepted')).toBe(1);
      await refusedWithoutChange(stack, () => stack.http.post(`/api/reports/${reportId}/review`).set('Authorization', org.coordinator).send({ decision: 'accept' }), 409, 'reportId');
    });

    it('an extension request and its decision twice with the same keys: one of each', async () => {
      const body = { newDueAt: '2027-11-30T23:59:59+08:00', reason: '评估机构档期冲突' };
      const path = `/api/projects/${project.id}/milestones/m2/extension-requests`;
      const first = await stack.http.post(path).set('Authorization', org.owner).set('Idempotency-Key', 'ext-1').send(body).expect(201);
      const again = await stack.http.post(path).set('Authorization', org.owner).set('Idempotency-Key', 'ext-1').send(body).expect(201);
      expect(again.body.extensionRequest.id).toBe(first.body.extensionRequest.id);
      expect(await count('SELECT count(*)::int AS n FROM extension_requests WHERE project_id = $1', [project.id])).toBe(1);
      const id = first.body.extensionRequest.id;
      await stack.http.post(`/api/extension-requests/${id}/decision`).set('Authorization', org.coordinator).set('Idempotency-Key', 'dec-1').send({ decision: 'approve' }).expect(200);
      await stack.http.post(`/api/extension-requests/${id}/decision`).set('Authorization', org.coordinator).set('Idempotency-Key', 'dec-1').send({ decision: 'approve' }).expect(200);
      expect(await ofType(project.id, 'extension.requested')).toBe(1);
      expect(await ofType(project.id, 'extension.approved')).toBe(1);
      await refusedWithoutChange(stack, () => stack.http.post(`/api/extension-requests/${id}/decision`).set('Authorization', org.coordinator).set('Idempotency-Key', 'dec-1').send({ decision: 'refuse' }), 400, 'header.Idempotency-Key');
    });

    it('an amendment twice with the same key: one milestones.amended event', async () => {
      const body = { milestones: [{ id: 'm3', name: '迎接省级督导', dueDate: '2027-12-15' }] };
      for (let i = 0; i < 2; i++) await stack.http.put(`/api/projects/${project.id}/milestones`).set('Authorization', org.coordinator).set('Idempotency-Key', 'amend-1').send(body).expect(200);
      expect(await ofType(project.id, 'milestones.amended')).toBe(1);
    });

    it('closing twice with the same key: both answered, one project.closed event', async () => {
      const first = await stack.http.post(`/api/projects/${project.id}/close`).set('Authorization', org.coordinator).set('Idempotency-Key', 'close-1').send({ reason: '并入2028年计划' }).expect(200);
      const again = await stack.http.post(`/api/projects/${project.id}/close`).set('Authorization', org.coordinator).set('Idempotency-Key', 'close-1').send({ reason: '并入2028年计划' }).expect(200);
      expect(again.body).toEqual(first.body);
      expect(first.body.status).toBe('closed');
      expect(await ofType(project.id, 'project.closed')).toBe(1);
      expectProblem(await stack.http.post(`/api/projects/${project.id}/close`).set('Authorization', org.coordinator).send({ reason: '再关一次' }), 409);
    });
  });
});
