import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import request from 'supertest';
import { closeClient, connectClient, embeddedDatabaseUrl } from '../../libs/config/src';
import { projectWorkflowId, SEARCH_ATTRIBUTE_TYPES } from '../../libs/contracts/src';
import { isPortOpen } from '../../libs/embedded/src/net';
import { LaunchedCluster, launchCluster } from '../bench/cluster-launcher';
import { createOrg, Org } from '../helpers/fixtures';
import { eventually } from '../helpers/stack';
import { createDueProject, inboxOf, Note, projectOf, SECOND_SCALE_POLICY } from '../helpers/supervision-scenario';

/**
 * `npm start -- --cluster`: PostgreSQL, the real Temporal server on it (databases migrated by the SQL tool),
 * its UI, two worker processes and two API processes under the launcher's supervisor. The same supervision
 * scenario as on the dev server (supervision.e2e-spec.ts), with requests spread over both API instances, a
 * worker killed with SIGKILL mid-run, and the Temporal server killed and restarted under running workflows.
 */
describe('cluster mode: the real Temporal server, two workers, two API instances', () => {
  let cluster: LaunchedCluster;
  let apis: ReturnType<typeof request>[];
  let org: Org;
  let temporal: Client;
  let connection: Connection;
  const pids = () => cluster.pids();

  beforeAll(async () => {
    cluster = await launchCluster({ WORKER_REPLICAS: '2', API_REPLICAS: '2', TEMPORAL_HISTORY_SHARDS: '4', NODE_ENV: 'test', ADMIN_PASSWORD: 'admin-e2e-password' });
    apis = [1, 2].map((i) => request(`http://127.0.0.1:${cluster.apiPort + i}`));
    org = await createOrg({ http: request(`http://127.0.0.1:${cluster.apiPort}`) }, SECOND_SCALE_POLICY);
    connection = await connectClient({ address: `127.0.0.1:${cluster.temporalPort}`, namespace: 'default', connectTimeout: 'PT30S' });
    temporal = new Client({ connection });
  }, 360_000);

  afterAll(async () => {
    if (connection) await closeClient(connection);
    await cluster?.stop();
  }, 60_000);

  it('runs every process of the topology and says where they are', () => {
    expect(Object.keys(pids()).sort()).toEqual(['api-1', 'api-2', 'postgres', 'temporal', 'temporal-ui', 'worker-1', 'worker-2']);
    expect(cluster.output()).toContain(`Temporal       127.0.0.1:${cluster.temporalPort} (server 1.29.1, 4 history shards`);
    expect(cluster.output()).toContain(`API instances  http://127.0.0.1:${cluster.apiPort + 1}, http://127.0.0.1:${cluster.apiPort + 2} (API_REPLICAS), balanced on port ${cluster.apiPort}`);
  });

  it('registered the workflows\' search attributes on the namespace, so a query on them is accepted', async () => {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
    const types = Object.fromEntries(Object.keys(SEARCH_ATTRIBUTE_TYPES).map((name) => [name, customAttributes?.[name]]));
    // IndexedValueType: 2 = KEYWORD, 6 = DATETIME.
    expect(types).toEqual({ ProjectStatus: 2, PlanId: 2, LeadUnitId: 2, ProjectKind: 2, NextDeadline: 6 });
    const listed = [];
    for await (const wf of temporal.workflow.list({ query: `ProjectStatus = 'red' AND PlanId = '${org.planId}'` })) listed.push(wf);
    expect(listed).toEqual([]);
  });

  it("migrated Temporal's databases with the SQL tool, to the schema versions the server ships", async () => {
    for (const [database, version] of [['temporal', '1.18'], ['temporal_visibility', '1.9']]) {
      const db = new PgClient({ connectionString: embeddedDatabaseUrl(cluster.postgresPort, database) });
      await db.connect();
      try {
        expect((await db.query('SELECT curr_version FROM schema_version')).rows).toEqual([{ curr_version: version }]);
      } finally {
        await db.end();
      }
    }
  });

  /** Each step of the scenario on the other API instance than the step before: a write on one, its read on the other. */
  it('goes green → yellow → red → escalated → accepted → done with requests spread over both API instances, each notice once and in order', async () => {
    const [a, b] = apis;
    // Due in 20 s: green until 8 s before, however slow the machine is at creating it.
    const { id, dueAt } = await createDueProject(a, org, '推进集团化办学', 20_000);
    expect((await projectOf(b, org.coordinator, id)).status).toBe('green');
    await eventually(async () => ((await projectOf(a, org.coordinator, id)).status === 'yellow' ? true : undefined), 'the warning window');
    const red = await eventually(async () => { const p = await projectOf(b, org.coordinator, id); return p.status === 'red' ? p : undefined; }, 'the deadline to pass');
    expect(red.statusReasons[0]).toMatchObject({ code: 'deadline.overdue', milestoneId: 'opinions' });
    // What an operator asks the cluster's visibility store: the red projects of this plan are exactly this one.
    const redOfPlan = await eventually(async () => {
      const ids: string[] = [];
      for await (const wf of temporal.workflow.list({ query: `ProjectStatus = 'red' AND PlanId = '${org.planId}'` })) ids.push(wf.workflowId);
      return ids.length ? ids : undefined;
    }, 'the red project in the visibility store');
    expect(redOfPlan).toEqual([`project-${id}`]);
    await eventually(async () => ((await inboxOf(a, org.coordinator)).some((n) => n.level === 2 && n.title.includes('推进集团化办学')) ? true : undefined), 'escalation level 2');
    expect((await projectOf(b, org.coordinator, id)).escalationLevel).toBe(2);

    const mine = (notes: Note[]) => notes.filter((n) => n.title.includes('推进集团化办学'));
    expect(mine(await inboxOf(a, org.owner)).map((n) => n.kind)).toEqual(['reminder', 'reminder', 'overdue']);
    expect(mine(await inboxOf(b, org.head)).map((n) => [n.kind, n.level])).toEqual([['escalation', 1]]);
    expect(mine(await inboxOf(a, org.coordinator)).map((n) => [n.kind, n.level])).toEqual([['escalation', 2]]);

    const submitted = await b.post(`/api/projects/${id}/reports`).set('Authorization', org.owner).send({ milestoneId: 'opinions', narrative: '实施意见已印发' }).expect(201);
    const reviewed = await a.post(`/api/reports/${submitted.body.report.id}/review`).set('Authorization', org.coordinator).send({ decision: 'accept' }).expect(200);
    expect(reviewed.body.project).toMatchObject({ status: 'done', escalationLevel: 0 });
    expect((await projectOf(b, org.coordinator, id)).milestones[0]).toMatchObject({ state: 'accepted' });
    // Level 3 was due 30 s after the deadline: nothing arrives after acceptance.
    const leaderBefore = (await inboxOf(b, org.leader)).length;
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(dueAt) + 32_000 - Date.now())));
    expect((await inboxOf(a, org.leader)).length).toBe(leaderBefore);
  }, 150_000);

  /** Every notice of one project: the owner's reminders and overdue, the head's level 1, the office's level 2. */
  const noticesOf = async (name: string) => ({
    owner: (await inboxOf(apis[0], org.owner)).filter((n) => n.title.includes(name)).map((n) => n.kind),
    head: (await inboxOf(apis[1], org.head)).filter((n) => n.title.includes(name)).map((n) => `${n.kind}:${n.level}`),
    office: (await inboxOf(apis[0], org.coordinator)).filter((n) => n.title.includes(name)).map((n) => `${n.kind}:${n.level}`),
  });
  const EVERY_NOTICE = { owner: ['reminder', 'reminder', 'overdue'], head: ['escalation:1'], office: ['escalation:2'] };
  const allArrived = (names: string[]) =>
    eventually(async () => {
      const got = await Promise.all(names.map(noticesOf));
      return got.every((g) => g.owner.length >= 3 && g.office.length >= 1) ? got : undefined;
    }, 'every reminder, overdue and escalation', 90_000, 1000);

  it('a worker killed with SIGKILL mid-run: the other carries every workflow, no reminder missed or doubled', async () => {
    const names = ['学校建设一', '学校建设二', '学校建设三', '学校建设四'];
    await Promise.all(names.map((name, i) => createDueProject(apis[i % 2], org, name, 16_000)));
    const before = pids();
    const killedAt = Date.now();
    process.kill(before['worker-1'], 'SIGKILL');
    const got = await allArrived(names);
    // Past level 2 and a little more: late copies would have arrived by now.
    await new Promise((r) => setTimeout(r, 5000));
    for (const name of names) expect(await noticesOf(name)).toEqual(EVERY_NOTICE);
    expect(got).toHaveLength(names.length);

    // The launcher brought worker-1 back; until then worker-2 alone completed the workflow tasks.
    const back = await eventually(async () => cluster.backAt('worker-1', killedAt), 'worker-1 to be restarted', 120_000);
    expect(back.pid).not.toBe(before['worker-1']);
    const identities = new Set<string>();
    for (const name of names) {
      const id = (await apis[0].get('/api/projects').query({ planId: org.planId, pageSize: 100 }).set('Authorization', org.coordinator).expect(200)).body.items.find((p: { name: string }) => p.name === name).id;
      const history = await temporal.workflow.getHandle(projectWorkflowId(id)).fetchHistory();
      for (const event of history.events ?? []) {
        const at = Number(event.eventTime?.seconds ?? 0) * 1000;
        if (event.workflowTaskCompletedEventAttributes && at > killedAt && at < back.at) identities.add(event.workflowTaskCompletedEventAttributes.identity!);
      }
    }
    // When worker-1 is back before any task falls due, the window holds no task at all; what it holds is worker-2's.
    for (const pid of [...identities].map((i) => Number(i.split('@')[0]))) expect(pid).toBe(before['worker-2']);
  }, 240_000);

  it('the Temporal server killed and restarted under running workflows: every workflow carries on, nothing missed or doubled', async () => {
    const names = ['教师轮岗一', '教师轮岗二', '教师轮岗三'];
    const created = await Promise.all(names.map((name, i) => createDueProject(apis[i % 2], org, name, 25_000)));
    const before = pids();
    const killedAt = Date.now();
    process.kill(before.temporal, 'SIGKILL');
    await eventually(async () => cluster.backAt('temporal', killedAt), 'the launcher to restart the Temporal server', 120_000, 500);
    await allArrived(names);
    await new Promise((r) => setTimeout(r, 5000));
    for (const name of names) expect(await noticesOf(name)).toEqual(EVERY_NOTICE);
    // And they still take actions: a report and its acceptance close one.
    const submitted = await eventually(async () => {
      const res = await apis[1].post(`/api/projects/${created[0].id}/reports`).set('Authorization', org.owner).send({ milestoneId: 'opinions', narrative: '已完成' });
      return res.status === 201 ? res : undefined;
    }, 'a report after the restart', 60_000, 1000);
    const reviewed = await apis[0].post(`/api/reports/${submitted.body.report.id}/review`).set('Authorization', org.coordinator).send({ decision: 'accept' }).expect(200);
    expect(reviewed.body.project.status).toBe('done');
  }, 300_000);

  it('the balancer on API_PORT skips an API instance that died until the launcher has it back', async () => {
    const balancer = request(`http://127.0.0.1:${cluster.apiPort}`);
    const killedAt = Date.now();
    process.kill(pids()['api-1'], 'SIGKILL');
    await eventually(async () => ((await isPortOpen(cluster.apiPort + 1)) ? undefined : true), 'api-1 to be gone', 10_000, 50);
    for (let i = 0; i < 6; i++) await balancer.get('/health').expect(200);
    await eventually(async () => cluster.backAt('api-1', killedAt), 'api-1 to be restarted', 120_000, 500);
    await apis[0].get('/health').expect(200);
  }, 180_000);
});
