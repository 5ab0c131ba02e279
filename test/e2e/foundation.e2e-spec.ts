import { useTestStack } from '../helpers/test-stack';

describe('the stack end to end', () => {
  const { stack, org } = useTestStack();

  it('reports API, database and Temporal separately on /health', async () => {
    const res = await stack.http.get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'up', api: { status: 'up' }, database: { status: 'up' }, temporal: { status: 'up' } });
  });

  it('creates a project through the API: its workflow runs and records it in PostgreSQL', async () => {
    const created = await stack.http
      .post('/api/projects')
      .set('Authorization', org.coordinator)
      .send({ kind: 'generic', planId: org.planId, name: '出台实施意见', leadUnitId: org.districtId, ownerUserId: org.ownerId, startDate: '2026-01-01', dueDate: '2026-12-31' })
      .expect(201);
    expect(created.body).toMatchObject({ name: '出台实施意见', status: 'green', workflowId: `project-${created.body.id}`, dueDate: '2026-12-31' });
    const got = await stack.http.get(`/api/projects/${created.body.id}`).set('Authorization', org.coordinator).expect(200);
    expect(got.body.milestones).toHaveLength(1);
    expect(got.body.milestones[0]).toMatchObject({ state: 'pending', dueAt: '2026-12-31T15:59:59.000Z' });
    const description = await stack.app.get(require('../../apps/api/src/common/tokens').TEMPORAL_CLIENT).workflow.getHandle(got.body.workflowId).describe();
    expect(description.status.name).toBe('RUNNING');
    const events = await stack.http.get(`/api/projects/${created.body.id}/events`).set('Authorization', org.coordinator).expect(200);
    expect(events.body.items[0]).toMatchObject({ seq: 1, type: 'project.created', actor: org.coordinatorId });
  });

  it('publishes the OpenAPI document with every resource', async () => {
    const res = await stack.http.get('/api/docs-json').expect(200);
    const paths = Object.keys(res.body.paths);
    for (const p of ['/api/auth/login', '/api/projects', '/api/projects/{id}', '/api/projects/{id}/reports', '/api/reports/{id}/review', '/api/notifications', '/api/dashboard', '/health']) {
      expect(paths).toContain(p);
    }
  });
});
