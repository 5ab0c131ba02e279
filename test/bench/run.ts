import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createProjectActivities } from '../../activities/project/project.activities';
import { createApiApp } from '../../apps/api/src/app.factory';
import { loadConfig, TEMPORAL_SERVER_VERSION } from '../../libs/config/src';
import { freePort, startEmbeddedPostgres, startTemporalDevServer } from '../../libs/embedded/src';
import { openDatabase } from '../../libs/persistence/src';
import { launchCluster } from './cluster-launcher';
import { rawProjectWorkflow, rawReportUpdate } from './raw.workflow';
import { benchWebUi } from './web';

/**
 * `npm run bench`: the product's write path (HTTP → validation → Temporal Update → workflow → read-model
 * projection → HTTP answer) against raw Temporal doing the same number of starts and Updates, in one run,
 * on one dev server and one machine. Prints figures; asserts nothing (machines are shared and noisy).
 * BENCH_PROJECTS (default 50) sets the number of projects; each gets one creation and one report.
 * Then the same write path on the cluster mode (npm start -- --cluster), in a table beside the dev server's;
 * BENCH_CLUSTER=0 leaves it out.
 */
const N = Number(process.env.BENCH_PROJECTS ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

async function timed<T>(n: number, op: (i: number) => Promise<T>): Promise<{ total: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) {
        const i = next++;
        const t = performance.now();
        await op(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { total: performance.now() - start, latencies: latencies.sort((a, b) => a - b) };
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
function row(name: string, r: { total: number; latencies: number[] }) {
  return { path: name, ops: r.latencies.length, 'ops/s': +(r.latencies.length / (r.total / 1000)).toFixed(1), 'p50 ms': +pct(r.latencies, 50).toFixed(1), 'p95 ms': +pct(r.latencies, 95).toFixed(1) };
}

/**
 * The write path through the API at `base` against raw Temporal on `client`'s server (a worker polls
 * `bench-raw` there): a small organisation, then N creations, N reports, and the raw equivalents.
 */
async function writePath(base: string, adminPassword: string, client: Client) {
  const call = async (method: string, url: string, body: unknown, token?: string) => {
    const res = await fetch(base + url, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as any;
  };
  const login = async (username: string, password: string) => (await call('POST', '/api/auth/login', { username, password })).accessToken as string;
  const admin = await login('admin', adminPassword);
  const unit = await call('POST', '/api/units', { code: 'bench', name: 'Bench bureau', type: 'county' }, admin);
  await call('POST', '/api/users', { username: 'coordinator', displayName: 'C', password: 'password-123', role: 'coordinator' }, admin);
  const owner = await call('POST', '/api/users', { username: 'owner', displayName: 'O', password: 'password-123', role: 'owner', unitId: unit.id }, admin);
  const coordinator = await login('coordinator', 'password-123');
  const ownerToken = await login('owner', 'password-123');
  const plan = await call('POST', '/api/plans', { name: 'Bench plan', year: 2027 }, coordinator);

  const projectIds: string[] = [];
  const productCreate = await timed(N, async (i) => {
    const p = await call('POST', '/api/projects', { kind: 'generic', planId: plan.id, name: `bench ${i}`, leadUnitId: unit.id, ownerUserId: owner.id, startDate: '2027-01-01', dueDate: '2027-12-31' }, coordinator);
    projectIds[i] = p.id;
  });
  const productReport = await timed(N, (i) => call('POST', `/api/projects/${projectIds[i]}/reports`, { milestoneId: 'completion', narrative: 'progress', evidence: [] }, ownerToken));

  const rawStart = await timed(N, (i) => client.workflow.start(rawProjectWorkflow, { taskQueue: 'bench-raw', workflowId: `raw-${i}` }));
  const rawUpdate = await timed(N, (i) => client.workflow.getHandle(`raw-${i}`).executeUpdate(rawReportUpdate, { args: [{ narrative: 'progress' }] }));
  // The product answers a creation only once the workflow has run; the like-for-like baseline is a start plus a first Update.
  const rawStartAndUpdate = await timed(N, async (i) => {
    const handle = await client.workflow.start(rawProjectWorkflow, { taskQueue: 'bench-raw', workflowId: `raw-synced-${i}` });
    await handle.executeUpdate(rawReportUpdate, { args: [{ narrative: 'created' }] });
  });

  const rows = [row('product: create project (HTTP → start → plan deadlines → projection)', productCreate), row('raw Temporal: start workflow', rawStart), row('raw Temporal: start + first Update', rawStartAndUpdate), row('product: submit report (HTTP → Update → projection)', productReport), row('raw Temporal: execute Update', rawUpdate)];
  return { rows, call, coordinator, ownerToken, plan, unit, owner };
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'supervision-bench-'));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
  const temporal = await startTemporalDevServer({ dataDir: dir, port: await freePort(), uiPort: await freePort(), namespace: 'default', headless: true });
  const apiPort = await freePort();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dir, DATABASE_URL: pg.url, TEMPORAL_ADDRESS: temporal.address, API_PORT: String(apiPort), JWT_SECRET: 'bench-secret-bench-secret', DEMO_DATA: 'false' });
  const app = await createApiApp(config);
  await app.listen(apiPort, '127.0.0.1');
  const ds = await openDatabase(config.database.url);
  const workerConnection = await NativeConnection.connect({ address: temporal.address });
  const productWorker = await Worker.create({ connection: workerConnection, taskQueue: config.temporal.taskQueue, workflowsPath: require.resolve('../../workflows'), activities: createProjectActivities(ds) });
  const rawWorker = await Worker.create({ connection: workerConnection, taskQueue: 'bench-raw', workflowsPath: require.resolve('./raw.workflow') });
  const running = Promise.all([productWorker.run(), rawWorker.run()]);
  const client = new Client({ connection: await Connection.connect({ address: temporal.address }) });
  const dev = await writePath(`http://127.0.0.1:${apiPort}`, config.auth.adminPassword, client);
  const { call, coordinator, ownerToken, plan, unit, owner } = dev;
  const rows = dev.rows;
  console.log(`\nBenchmark: ${N} projects, concurrency ${CONCURRENCY}, ${os.cpus().length} cores, one dev server\n`);
  console.table(rows);
  console.log(`create: product p50 is ${(rows[0]['p50 ms'] / rows[2]['p50 ms']).toFixed(1)}× raw start + Update; report: product p50 is ${(rows[3]['p50 ms'] / rows[4]['p50 ms']).toFixed(1)}× raw Update`);

  // Reads at scale: 10,000 projects (with three milestones each) in the read model, then the dashboard and filtered lists.
  await ds.query(`INSERT INTO projects (id, plan_id, kind, name, lead_unit_id, lead_unit_path, owner_user_id, start_date, due_date, status, next_deadline, workflow_id, version)
    SELECT gen_random_uuid(), $1, (ARRAY['generic','school_construction','teacher_rotation','training_quota','indicator'])[1 + g % 5], 'bulk ' || g, $2, $3, $4,
      '2027-01-01', '2027-12-31', (ARRAY['green','yellow','red','done'])[1 + g % 4], now() + (g || ' hours')::interval, 'bulk-' || g, 1
    FROM generate_series(1, 10000) g`, [plan.id, unit.id, unit.path, owner.id]);
  await ds.query(`INSERT INTO milestones (project_id, milestone_id, name, due_at, state, overdue)
    SELECT p.id, 'm' || k, 'milestone ' || k, now() - (k || ' days')::interval, 'pending', p.status = 'red' FROM projects p, generate_series(1, 3) k WHERE p.name LIKE 'bulk %'`);
  await ds.query('ANALYZE');
  const reads = 40;
  const dashboard = await timed(reads, () => call('GET', `/api/dashboard?planId=${plan.id}`, undefined, coordinator));
  const redList = await timed(reads, () => call('GET', `/api/projects?planId=${plan.id}&status=red&pageSize=50`, undefined, coordinator));
  const ownerList = await timed(reads, () => call('GET', `/api/projects?kind=indicator&pageSize=50`, undefined, ownerToken));
  console.log(`\nReads with ${N + 10000} projects in the read model (${reads} requests each, concurrency ${CONCURRENCY})\n`);
  console.table([row('GET /api/dashboard?planId', dashboard), row('GET /api/projects?planId&status=red (coordinator)', redList), row('GET /api/projects?kind (owner, unit scope)', ownerList)]);
  await benchWebUi(`http://127.0.0.1:${apiPort}`, coordinator, N + 10000);

  productWorker.shutdown();
  rawWorker.shutdown();
  await running;
  await app.close();
  await ds.destroy();
  await temporal.stop();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });

  // The same write path on the cluster mode: the real Temporal server on PostgreSQL, two workers, two APIs behind the balancer.
  if (process.env.BENCH_CLUSTER !== '0') {
    const cluster = await launchCluster();
    try {
      const address = `127.0.0.1:${cluster.temporalPort}`;
      const rawOnCluster = await Worker.create({ connection: await NativeConnection.connect({ address }), taskQueue: 'bench-raw', workflowsPath: require.resolve('./raw.workflow') });
      const rawRunning = rawOnCluster.run();
      const clusterClient = new Client({ connection: await Connection.connect({ address }) });
      const onCluster = await writePath(`http://127.0.0.1:${cluster.apiPort}`, cluster.adminPassword, clusterClient);
      rawOnCluster.shutdown();
      await rawRunning;
      console.log(`\nWrite path, dev server beside cluster mode (Temporal server ${TEMPORAL_SERVER_VERSION} on PostgreSQL, 4 history shards, 2 workers, 2 APIs behind the balancer); ${N} each, concurrency ${CONCURRENCY}\n`);
      console.table(rows.map((r, i) => {
        const c = onCluster.rows[i];
        return { path: r.path, 'dev ops/s': r['ops/s'], 'dev p50 ms': r['p50 ms'], 'dev p95 ms': r['p95 ms'], 'cluster ops/s': c['ops/s'], 'cluster p50 ms': c['p50 ms'], 'cluster p95 ms': c['p95 ms'] };
      }));
    } finally {
      await cluster.stop();
    }
  }
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
