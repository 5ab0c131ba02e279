import { ChildProcess, execSync, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/app.factory';
import { embeddedDatabaseUrl, loadConfig, TEMPORAL_SERVER_VERSION } from '../../libs/config/src';
import { freePort, startEmbeddedPostgres, startTemporalDevServer } from '../../libs/embedded/src';
import { openDatabase } from '../../libs/persistence/src';
import { launchCluster } from './cluster-launcher';
import { benchImport } from './imports';
import { Figures, memoryOf, opsPerSecond, pct, round, timed } from './measure';
import { rawProjectWorkflow, rawReportUpdate, rawTimerWorkflow } from './raw.workflow';
import { captureStatements, explain, seedReadModel } from './read-model';
import { benchWebUi } from './web';

/**
 * `npm run bench`: the product against raw Temporal on the same dev server in the same run, on one machine.
 * Prints one table (each figure, its raw-Temporal counterpart, the ratio, the goal of issue 16) and writes the
 * same as JSON under data/bench/ (BENCH_OUT), so two runs can be compared. Asserts nothing: machines are shared
 * and noisy, so the load average is printed with the figures.
 *
 * Sizes (environment):
 * - BENCH_SAMPLES (100): creations and reports timed one by one, against raw start + Update and raw Update.
 * - BENCH_PROJECTS (10000): project workflows created through the API and left running, against as many raw starts;
 *   creation stops after BENCH_CREATE_BUDGET_S (600) seconds on a machine too slow for it (the output says so);
 *   then BENCH_LIVE_UPDATES (300) reports on random ones of them, the worker's memory, and raw Updates likewise.
 * - BENCH_BURST (1000): projects whose reminders fall due in the same second (and their deadlines 30 s later),
 *   against as many raw timers due in one second on the same server once the product's burst is over.
 * - BENCH_READ_PROJECTS / BENCH_READ_MILESTONES / BENCH_READ_NOTIFICATIONS (10000 / 100000 / 1000000): the read model
 *   is filled up to these sizes by SQL, then BENCH_READS (60) requests per read path, BENCH_READ_CONCURRENCY (1) at once.
 * - BENCH_CONCURRENCY (8): callers at once on the write paths.
 * - BENCH_CLUSTER=1 adds the cluster mode (npm start -- --cluster): the write path with BENCH_SAMPLES, then a burst of
 *   BENCH_CLUSTER_BURST (200; 0 leaves it out), each against raw Temporal on the cluster's server, in rows of its own.
 * - BENCH_WEB=0 leaves out the web UI, BENCH_IMPORT=0 the import.
 * The product's worker runs as its own process (apps/worker, as in production) so its memory can be read.
 */
const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const S = {
  samples: setting('BENCH_SAMPLES', 100),
  projects: setting('BENCH_PROJECTS', 10_000),
  createBudgetS: setting('BENCH_CREATE_BUDGET_S', 600),
  liveUpdates: setting('BENCH_LIVE_UPDATES', 300),
  burst: setting('BENCH_BURST', 1000),
  clusterBurst: setting('BENCH_CLUSTER_BURST', 200),
  readProjects: setting('BENCH_READ_PROJECTS', 10_000),
  readMilestones: setting('BENCH_READ_MILESTONES', 100_000),
  readNotifications: setting('BENCH_READ_NOTIFICATIONS', 1_000_000),
  reads: setting('BENCH_READS', 60),
  readConcurrency: setting('BENCH_READ_CONCURRENCY', 1),
  concurrency: setting('BENCH_CONCURRENCY', 8),
};
/** Reminders of the burst fall this long before its deadlines. */
const BURST_REMINDER_S = 30;
/** How long the bench waits for the burst's notices after its deadlines. */
const BURST_WAIT_S = 180;

const root = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();

type Call = (method: string, url: string, body?: unknown, token?: string) => Promise<any>;

/** Answers 503 (Temporal did not take a change in time): retried with the same Idempotency-Key, and counted. */
const unavailable = { count: 0 };

function http(base: string): Call {
  return async (method, url, body, token) => {
    const key = randomUUID();
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(base + url, {
        method,
        headers: { 'content-type': 'application/json', ...(method === 'POST' ? { 'idempotency-key': key } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status === 503 && attempt < 5) {
        unavailable.count += 1;
        await res.arrayBuffer();
        continue;
      }
      if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
      return res.json();
    }
  };
}

interface Org {
  call: Call;
  coordinator: string;
  owner: string;
  ownerId: string;
  unit: { id: string; path: string };
  planId: string;
  burstPlanId: string;
}

/** A unit, a coordinator, an owner, a plan on the default policy and a plan whose reminders come 30 s before the deadline. */
async function organisation(base: string, adminPassword: string): Promise<Org> {
  const call = http(base);
  const login = async (username: string, password: string) => (await call('POST', '/api/auth/login', { username, password })).accessToken as string;
  const admin = await login('admin', adminPassword);
  const unit = await call('POST', '/api/units', { code: 'bench', name: '基准测试教育局', type: 'county' }, admin);
  await call('POST', '/api/users', { username: 'coordinator', displayName: '统筹', password: 'password-123', role: 'coordinator' }, admin);
  const owner = await call('POST', '/api/users', { username: 'owner', displayName: '责任人', password: 'password-123', role: 'owner', unitId: unit.id }, admin);
  const coordinator = await login('coordinator', 'password-123');
  const plan = await call('POST', '/api/plans', { name: '基准计划', year: 2027 }, coordinator);
  const burstPolicy = { calendar: 'natural', reminders: [`PT${BURST_REMINDER_S}S`], warningWindow: `PT${BURST_REMINDER_S}S`, escalations: [{ after: 'P30D', level: 1, notify: ['unitHead'] }] };
  const burstPlan = await call('POST', '/api/plans', { name: '集中到期计划', year: 2027, policy: burstPolicy }, coordinator);
  return { call, coordinator, owner: await login('owner', 'password-123'), ownerId: owner.id, unit: { id: unit.id, path: unit.path }, planId: plan.id, burstPlanId: burstPlan.id };
}

const createProject = (org: Org, name: string, extra: Record<string, unknown> = {}) =>
  org.call('POST', '/api/projects', { kind: 'generic', planId: org.planId, name, leadUnitId: org.unit.id, ownerUserId: org.ownerId, startDate: '2027-01-01', dueDate: '2027-12-31', ...extra }, org.coordinator) as Promise<{ id: string }>;
const submitReport = (org: Org, projectId: string) => org.call('POST', `/api/projects/${projectId}/reports`, { narrative: '按计划推进', evidence: [] }, org.owner);

/** Creations then reports through the API, against raw start + first Update and raw Update, `n` of each. */
async function writePath(org: Org, client: Client, n: number, tag: string) {
  const ids: string[] = [];
  const create = await timed(n, S.concurrency, async (i) => (ids[i] = (await createProject(org, `${tag} ${i}`)).id));
  const report = await timed(n, S.concurrency, (i) => submitReport(org, ids[i]));
  // The product answers a creation once the workflow has run; the like-for-like baseline is a start plus a first Update,
  // and a report is that workflow's second Update.
  const rawCreate = await timed(n, S.concurrency, async (i) => {
    const handle = await client.workflow.start(rawProjectWorkflow, { taskQueue: 'bench-raw', workflowId: `raw-${tag}-${i}` });
    await handle.executeUpdate(rawReportUpdate, { args: [{ narrative: 'created' }] });
  });
  const rawReport = await timed(n, S.concurrency, (i) => client.workflow.getHandle(`raw-${tag}-${i}`).executeUpdate(rawReportUpdate, { args: [{ narrative: 'progress' }] }));
  return { ids, create, report, rawCreate, rawReport };
}

function writeFigures(f: Figures, section: string, w: Awaited<ReturnType<typeof writePath>>) {
  f.add(section, 'report submission p50', 'ms', pct(w.report.latencies, 50), pct(w.rawReport.latencies, 50), { ratio: 1.3 });
  f.add(section, 'report submission p99', 'ms', pct(w.report.latencies, 99), pct(w.rawReport.latencies, 99), { ratio: 1.3 });
  f.add(section, 'report submission throughput', 'ops/s', opsPerSecond(w.report), opsPerSecond(w.rawReport), { ratioMin: 0.8 });
  f.add(section, 'project creation p50 (raw: start + first Update)', 'ms', pct(w.create.latencies, 50), pct(w.rawCreate.latencies, 50), { ratio: 1.3 });
  f.add(section, 'project creation p99 (raw: start + first Update)', 'ms', pct(w.create.latencies, 99), pct(w.rawCreate.latencies, 99), { ratio: 1.3 });
}

/** How the two deployments are named in the table. */
const DEV_MODE = 'dev server';
const CLUSTER_MODE = `cluster (Temporal ${TEMPORAL_SERVER_VERSION} on PostgreSQL, 2 workers, 2 APIs)`;

/**
 * `n` projects created through the API whose reminders fall due in the same second (their deadlines 30 s later):
 * the lag from each planned instant to the first notice row, notices missed or written twice, then the largest
 * history. The raw counterpart: `n` raw workflows whose timers fall due in one second, on the same server after the
 * product's burst (not during it), each returning the time of the workflow task its timer woke.
 */
async function burst(ctx: { org: Org; client: Client; ds: DataSource; mode: string; creationRate: number; tag: string; notes: string[]; step: (name: string) => void }, n: number, f: Figures): Promise<void> {
  const { org, client, ds, mode, notes } = ctx;
  const section = `burst, ${mode}`;
  const remindAt = Math.ceil((Date.now() + (n / ctx.creationRate) * 1500 + 20_000) / 1000) * 1000;
  const dueAt = remindAt + BURST_REMINDER_S * 1000;
  const burstIds: string[] = [];
  let createdLate = 0;
  await timed(n, S.concurrency, async (i) => {
    const p = await createProject(org, `集中到期 ${i}`, { planId: org.burstPlanId, startDate: day(-1), dueDate: day(365), milestones: [{ id: 'completion', name: '年底前完成', dueAt: new Date(dueAt).toISOString() }] });
    burstIds.push(p.id);
    if (Date.now() > remindAt) createdLate += 1;
  });
  console.log(`[bench] ${mode}: burst created; reminders due at ${new Date(remindAt).toISOString()}, deadlines at ${new Date(dueAt).toISOString()}`);
  const arrived = async () =>
    (await ds.query(
      `SELECT kind, project_id, count(*)::int AS n, (extract(epoch FROM min(created_at)) * 1000)::float8 AS first
       FROM notifications WHERE project_id = ANY($1::uuid[]) AND recipient_user_id = $2 AND kind IN ('reminder', 'overdue') GROUP BY kind, project_id`,
      [burstIds, org.ownerId],
    )) as Array<{ kind: string; project_id: string; n: number; first: number }>;
  const giveUpAt = dueAt + BURST_WAIT_S * 1000;
  for (;;) {
    await sleep(2000);
    const rows = await arrived();
    if (Date.now() > dueAt && rows.length >= 2 * n) break;
    if (Date.now() > giveUpAt) {
      notes.push(`${section}: stopped waiting ${BURST_WAIT_S} s after the deadlines with ${rows.length} of ${2 * n} notices`);
      break;
    }
  }
  await sleep(3000); // a notice written twice would show by now
  const rows = await arrived();

  // The raw counterpart, once the product's burst is over: as many timers due in one second.
  ctx.step(`${mode}: ${n} raw timers due in one second`);
  const startRaw = (at: number) => timed(n, S.concurrency, (i) => client.workflow.start(rawTimerWorkflow, { taskQueue: 'bench-raw', workflowId: `raw-burst-${ctx.tag}-${i}`, args: [at] }));
  const probe = await timed(Math.min(n, 20), S.concurrency, (i) => client.workflow.start(rawTimerWorkflow, { taskQueue: 'bench-raw', workflowId: `raw-burst-probe-${ctx.tag}-${i}`, args: [0] }));
  const rawAt = Math.ceil((Date.now() + (n / opsPerSecond(probe)) * 1500 + 10_000) / 1000) * 1000;
  await startRaw(rawAt);
  const rawLags = (await Promise.all(Array.from({ length: n }, (_, i) => client.workflow.getHandle(`raw-burst-${ctx.tag}-${i}`).result() as Promise<number>)))
    .map((woke) => woke - rawAt)
    .sort((a, b) => a - b);

  for (const [kind, instant, label] of [['reminder', remindAt, 'reminder'], ['overdue', dueAt, 'deadline passed (overdue notice)']] as const) {
    const of = rows.filter((r) => r.kind === kind);
    const lags = of.map((r) => r.first - instant).sort((a, b) => a - b);
    const raw = kind === 'reminder' ? rawLags : undefined;
    f.add(section, `${label} lag p50 (${n} due in one second; raw: a timer)`, 'ms', pct(lags, 50), raw && pct(raw, 50));
    f.add(section, `${label} lag p99`, 'ms', pct(lags, 99), raw && pct(raw, 99), { max: 1000 });
    f.add(section, `${label} lag max`, 'ms', lags[lags.length - 1], raw && raw[raw.length - 1]);
    f.add(section, `${label}s missed`, 'projects', n - of.length, undefined, { equals: 0 });
    f.add(section, `${label}s sent twice`, 'projects', of.filter((r) => r.n > 1).length, undefined, { equals: 0 });
  }
  if (createdLate > 0) notes.push(`${section}: ${createdLate} projects were created after their reminder instant (creation slower than planned); their lag counts from the instant`);

  ctx.step(`${mode}: histories`);
  const lengths: number[] = [];
  await timed(burstIds.length, S.concurrency, async (i) => lengths.push((await client.workflow.getHandle(`project-${burstIds[i]}`).describe()).historyLength));
  lengths.sort((a, b) => a - b);
  f.add(`history, ${mode}`, 'largest project history after the burst', 'events', lengths[lengths.length - 1], undefined, { below: 4096 });
  f.add(`history, ${mode}`, 'median project history after the burst', 'events', pct(lengths, 50));
}

/** The product's worker as its own process (what `npm start` runs), resolved once it polls. */
async function startProductWorker(env: Record<string, string>): Promise<{ child: ChildProcess; stop(): Promise<void> }> {
  const main = path.join(__dirname, '../../apps/worker/src/main.js');
  const child = fork(main, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  await new Promise<void>((resolve, reject) => {
    child.on('message', (m) => m === 'ready' && resolve());
    child.once('exit', (code) => reject(new Error(`the worker exited with ${code} before it was ready`)));
  });
  return {
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** What to stop if the bench fails half-way, newest first (servers and the worker outlive a crashed parent). */
const cleanups: Array<() => Promise<unknown>> = [];

const load = () => os.loadavg().map((x) => round(x, 2));
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const startedAt = new Date();
  const loads: Record<string, number[]> = { start: load() };
  const f = new Figures();
  const explains: Array<{ path: string; ms: number; sql: string; parameters: unknown[]; plan: string }> = [];
  const notes: string[] = [];
  const step = (name: string) => {
    loads[name] = load();
    console.log(`[bench] ${new Date().toISOString()} ${name} (load ${loads[name].join(' ')})`);
  };

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'supervision-bench-'));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
  cleanups.unshift(() => pg.stop());
  const temporal = await startTemporalDevServer({ dataDir: dir, port: await freePort(), uiPort: await freePort(), namespace: 'default', headless: true });
  cleanups.unshift(() => temporal.stop());
  const apiPort = await freePort();
  const env = { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dir, DATABASE_URL: pg.url, TEMPORAL_ADDRESS: temporal.address, API_PORT: String(apiPort), JWT_SECRET: 'bench-secret-bench-secret', DEMO_DATA: 'false', ADMIN_PASSWORD: 'bench-admin-password', API_WRITES_PER_MINUTE: '1000000' };
  const config = loadConfig(env);
  const app = await createApiApp(config);
  await app.listen(apiPort, '127.0.0.1');
  const apiDs = app.get(DataSource);
  const ds = await openDatabase(config.database.url);
  const productWorker = await startProductWorker(env);
  cleanups.unshift(() => productWorker.stop());
  const rawWorker = await Worker.create({ connection: await NativeConnection.connect({ address: temporal.address }), taskQueue: 'bench-raw', workflowsPath: require.resolve('./raw.workflow') });
  const rawRunning = rawWorker.run();
  const client = new Client({ connection: await Connection.connect({ address: temporal.address }) });
  const org = await organisation(`http://127.0.0.1:${apiPort}`, config.auth.adminPassword);

  // ---- 1. the write path, one creation and one report at a time per caller ----------------------------------
  step('write path');
  const w = await writePath(org, client, S.samples, 'sample');
  writeFigures(f, 'write path', w);

  // ---- 2. many projects: created through the API against raw starts, then left running ----------------------
  step(`creating ${S.projects} projects`);
  const live: string[] = [...w.ids];
  const bulk = await timed(S.projects, S.concurrency, async (i) => live.push((await createProject(org, `live ${i}`)).id), Date.now() + S.createBudgetS * 1000);
  const created = bulk.latencies.length;
  if (created < S.projects) notes.push(`scale: stopped creating after BENCH_CREATE_BUDGET_S = ${S.createBudgetS} s with ${created} of ${S.projects} projects; the raw starts are as many`);
  const rawBulk = await timed(created, S.concurrency, (i) => client.workflow.start(rawProjectWorkflow, { taskQueue: 'bench-raw', workflowId: `raw-live-${i}` }));
  f.add('scale', `${created} projects created (raw: starts)`, 's', bulk.total / 1000, rawBulk.total / 1000, { ratio: 1.2 });
  f.add('scale', 'projects created per second (raw: starts)', 'ops/s', opsPerSecond(bulk), opsPerSecond(rawBulk));
  const creationRate = created > 0 ? opsPerSecond(bulk) : opsPerSecond(w.create);

  // ---- 3. live workflows: the worker's memory and an Update to random ones of them ---------------------------
  step(`${live.length} live workflows`);
  await sleep(3000);
  const memory = memoryOf(productWorker.child.pid!);
  f.add('scale', `worker RSS with ${live.length} live project workflows`, 'MiB', memory.rssMiB, undefined, { max: 1024 });
  f.add('scale', 'worker peak RSS so far', 'MiB', memory.peakMiB);
  const pick = (n: number) => Math.floor(Math.random() * n);
  const across = await timed(S.liveUpdates, S.concurrency, () => submitReport(org, live[pick(live.length)]));
  const rawLive = () => (created > 0 ? `raw-live-${pick(created)}` : `raw-sample-${pick(S.samples)}`);
  const rawAcross = await timed(S.liveUpdates, S.concurrency, () => client.workflow.getHandle(rawLive()).executeUpdate(rawReportUpdate, { args: [{ narrative: 'progress' }] }));
  f.add('scale', `Update (report) across ${live.length} live, p50`, 'ms', pct(across.latencies, 50), pct(rawAcross.latencies, 50));
  f.add('scale', `Update (report) across ${live.length} live, p99`, 'ms', pct(across.latencies, 99), pct(rawAcross.latencies, 99));
  f.add('scale', `Update (report) across ${live.length} live, max`, 'ms', across.latencies[across.latencies.length - 1], rawAcross.latencies[rawAcross.latencies.length - 1], { max: 1000 });

  // ---- 4. a burst: BENCH_BURST reminders due in the same second, their deadlines 30 s later; 5. histories -----------
  if (S.burst > 0) {
    step(`burst of ${S.burst}`);
    await burst({ org, client, ds, mode: DEV_MODE, creationRate, tag: 'dev', notes, step }, S.burst, f);
  }
  const memoryAfter = memoryOf(productWorker.child.pid!);
  f.add('scale', 'worker RSS at the end of the burst', 'MiB', memoryAfter.rssMiB, undefined, { max: 1024 });
  f.add('scale', 'worker peak RSS', 'MiB', memoryAfter.peakMiB, undefined, { max: 1024 });

  // ---- 6. reads at scale --------------------------------------------------------------------------------------
  step('seeding the read model');
  const sizes = await seedReadModel(ds, { projects: S.readProjects, milestones: S.readMilestones, notifications: S.readNotifications }, { planId: org.planId, unitId: org.unit.id, unitPath: org.unit.path, ownerId: org.ownerId });
  step('reads');
  const scale = `${sizes.projects} projects / ${sizes.milestones} milestones / ${sizes.notifications} notifications`;
  const reads: Array<[string, string, string, number]> = [
    ['dashboard of a plan (coordinator)', `/api/dashboard?planId=${org.planId}`, org.coordinator, 50],
    ['dashboard of all plans (coordinator)', '/api/dashboard', org.coordinator, 50],
    ['projects of a plan, red (coordinator)', `/api/projects?planId=${org.planId}&status=red&pageSize=50`, org.coordinator, 50],
    ['projects of a kind (owner, unit scope)', '/api/projects?kind=indicator&pageSize=50', org.owner, 50],
    [`owner's inbox (${sizes.ownerInbox} notices)`, '/api/notifications', org.owner, 20],
    ["owner's unread notices", '/api/notifications?unread=true', org.owner, 20],
  ];
  for (const [name, url, token, goal] of reads) {
    for (let i = 0; i < 3; i++) await org.call('GET', url, undefined, token);
    const r = await timed(S.reads, S.readConcurrency, () => org.call('GET', url, undefined, token));
    f.add('reads', `${name} p95`, 'ms', pct(r.latencies, 95), undefined, { max: goal });
    if (pct(r.latencies, 95) > goal) {
      const statements = (await captureStatements(apiDs, () => org.call('GET', url, undefined, token))).sort((a, b) => b.ms - a.ms).slice(0, 2);
      for (const s of statements) explains.push({ path: `GET ${url.replace(org.planId, ':planId')}`, ms: s.ms, sql: s.sql, parameters: s.parameters, plan: await explain(ds, s) });
    }
  }
  notes.push(`reads at ${scale}, ${S.reads} requests each, ${S.readConcurrency} at a time`);

  // ---- 7. the web UI (its own table) ---------------------------------------------------------------------------
  if (process.env.BENCH_WEB !== '0') await benchWebUi(`http://127.0.0.1:${apiPort}`, org.coordinator, sizes.projects);
  if (process.env.BENCH_IMPORT !== '0') await benchImport(`http://127.0.0.1:${apiPort}`, org.coordinator, (await org.call('POST', '/api/plans', { name: '导入基准', year: 2027 }, org.coordinator)).id, '基准测试教育局');

  step('stopping');
  await productWorker.stop();
  rawWorker.shutdown();
  await rawRunning;
  await app.close();
  await ds.destroy();
  await temporal.stop();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });

  // ---- 8. optionally, the write path on the cluster mode --------------------------------------------------------
  if (process.env.BENCH_CLUSTER === '1') {
    step('cluster');
    const cluster = await launchCluster({ API_WRITES_PER_MINUTE: '1000000' });
    try {
      const address = `127.0.0.1:${cluster.temporalPort}`;
      const rawOnCluster = await Worker.create({ connection: await NativeConnection.connect({ address }), taskQueue: 'bench-raw', workflowsPath: require.resolve('./raw.workflow') });
      const running = rawOnCluster.run();
      const clusterClient = new Client({ connection: await Connection.connect({ address }) });
      const clusterOrg = await organisation(`http://127.0.0.1:${cluster.apiPort}`, cluster.adminPassword);
      const cw = await writePath(clusterOrg, clusterClient, S.samples, 'cluster');
      writeFigures(f, CLUSTER_MODE, cw);
      if (S.clusterBurst > 0) {
        step(`cluster: burst of ${S.clusterBurst}`);
        const clusterDs = await openDatabase(embeddedDatabaseUrl(cluster.postgresPort));
        try {
          await burst({ org: clusterOrg, client: clusterClient, ds: clusterDs, mode: CLUSTER_MODE, creationRate: opsPerSecond(cw.create), tag: 'cluster', notes, step }, S.clusterBurst, f);
        } finally {
          await clusterDs.destroy();
        }
        for (const [name, pid] of Object.entries(cluster.pids()).filter(([name]) => name.startsWith('worker-'))) {
          const m = memoryOf(pid);
          f.add(`burst, ${CLUSTER_MODE}`, `${name} RSS at the end of the burst`, 'MiB', m.rssMiB, undefined, { max: 1024 });
          f.add(`burst, ${CLUSTER_MODE}`, `${name} peak RSS`, 'MiB', m.peakMiB, undefined, { max: 1024 });
        }
      }
      rawOnCluster.shutdown();
      await running;
    } finally {
      await cluster.stop();
    }
  }

  f.add('write path', 'answers 503 (retried with the same Idempotency-Key)', 'requests', unavailable.count, undefined, { equals: 0 });
  loads.end = load();
  const finishedAt = new Date();
  const commit = (() => {
    try {
      return execSync('git rev-parse --short HEAD', { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    } catch {
      return 'unknown';
    }
  })();
  const machine = { cores: os.cpus().length, memoryGiB: round(os.totalmem() / 2 ** 30), node: process.version };
  console.log(`\nBench ${startedAt.toISOString()} → ${finishedAt.toISOString()} (${round((finishedAt.getTime() - startedAt.getTime()) / 60_000)} min), commit ${commit}`);
  console.log(`Machine: ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}; one Temporal dev server, embedded PostgreSQL, the API in this process, the worker in its own`);
  console.log(`Load average (1/5/15 min): ${Object.entries(loads).map(([k, v]) => `${k} ${v.join(' ')}`).join('; ')}`);
  console.log(`Sizes: ${JSON.stringify(S)}\n`);
  f.print();
  for (const n of notes) console.log(`note: ${n}`);
  for (const e of explains) console.log(`\nEXPLAIN ANALYZE, slowest statement of ${e.path} (${e.ms} ms):\n${e.sql}\n${e.plan}`);

  const outDir = path.resolve(root, process.env.BENCH_OUT ?? 'data/bench');
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `bench-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ startedAt, finishedAt, commit, machine, load: loads, settings: S, figures: f.all, notes, explains }, null, 2));
  console.log(`\nWritten: ${file}`);
  process.exit(0);
}

main().catch(async (err) => {
  console.error(err);
  for (const c of cleanups) await c().catch(() => undefined);
  process.exit(1);
});

