import { Client, Connection } from '@temporalio/client';
import { closeClient, connectClient } from '../../libs/config/src';
import { eventually } from '../helpers/stack';
import { useTestStack } from '../helpers/test-stack';

/** An operator's view in Temporal: project workflows carry ProjectStatus, PlanId, LeadUnitId, ProjectKind and NextDeadline. */
describe('search attributes of project workflows', () => {
  let connection: Connection;
  let client: Client;

  const { stack, org } = useTestStack({ org: { calendar: 'natural', reminders: ['PT1S'], warningWindow: 'PT2S', escalations: [{ after: 'PT1H', level: 1, notify: ['unitHead'] }] }, timeoutMs: 120_000 });
  beforeAll(async () => {
    connection = await connectClient(stack.config.temporal);
    client = new Client({ connection, namespace: stack.config.temporal.namespace });
  }, 120_000);
  afterAll(async () => {
    if (connection) await closeClient(connection);
  });

  const create = async (name: string, dueInMs: number) =>
    (await stack.http.post('/api/projects').set('Authorization', org.coordinator)
      .send({ kind: 'generic', planId: org.planId, name, leadUnitId: org.districtId, ownerUserId: org.ownerId, startDate: '2026-01-01', dueDate: '2027-12-31', milestones: [{ id: 'm', name: '阶段目标', dueAt: new Date(Date.now() + dueInMs).toISOString() }] })
      .expect(201)).body as { id: string; workflowId: string };
  const ids = async (query: string) => {
    const found: string[] = [];
    for await (const w of client.workflow.list({ query })) found.push(w.workflowId);
    return found.sort();
  };

  it('"ProjectStatus=\'red\' AND PlanId=…" lists exactly the red projects of the plan', async () => {
    const late = [await create('逾期项目甲', 3_000), await create('逾期项目乙', 3_000)];
    const onTrack = await create('正常推进项目', 30 * 86_400_000);
    const red = late.map((p) => p.workflowId).sort();
    await eventually(async () => {
      const statuses = await Promise.all(late.map(async (p) => (await stack.http.get(`/api/projects/${p.id}`).set('Authorization', org.coordinator)).body.status));
      return statuses.every((s) => s === 'red') ? true : undefined;
    }, 'both late projects to turn red', 30_000);
    const listed = await eventually(async () => {
      const found = await ids(`ProjectStatus='red' AND PlanId='${org.planId}'`);
      return found.length >= red.length ? found : undefined;
    }, 'the red projects in Temporal visibility', 30_000);
    expect(listed).toEqual(red);
    expect(await ids(`ProjectStatus='green' AND PlanId='${org.planId}'`)).toEqual([onTrack.workflowId]);
    expect(await ids(`LeadUnitId='${org.districtId}' AND ProjectKind='generic' AND NextDeadline > '${new Date(Date.now() + 86_400_000).toISOString()}'`)).toEqual([onTrack.workflowId]);
  }, 120_000);
});
