import net from 'node:net';
import { Client as PgClient } from 'pg';
import { createProject, genericProject } from '../helpers/api-fixtures';
import { createOrg, Org } from '../helpers/fixtures';
import { eventually, startTestStack, TestStack } from '../helpers/stack';

jest.setTimeout(180_000);

/** A TCP relay in front of the Temporal server that the test can cut (as if the server died) and restore. */
async function relay(target: string) {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    const outbound = net.connect(port, host);
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const listenPort = (server.address() as net.AddressInfo).port;
  return {
    address: `127.0.0.1:${listenPort}`,
    cut: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    }),
    restore: () => new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve)),
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (server.listening) server.close(() => resolve());
      else resolve();
    }),
  };
}

const WAIT_SECONDS = 3;
// The stated bound: the wait setting plus the margin of the request timeout, plus slack for a loaded machine.
const BOUND_MS = (WAIT_SECONDS + 2) * 1000 + 2500;

describe('a dependency down answers 503 with Retry-After, naming it, within the wait bound', () => {
  let stack: TestStack;
  let org: Org;
  let temporal: Awaited<ReturnType<typeof relay>>;
  let admin: PgClient;
  let database: string;
  let project: Record<string, any>;

  beforeAll(async () => {
    temporal = await relay(process.env.E2E_TEMPORAL_ADDRESS!);
    stack = await startTestStack({ TEMPORAL_ADDRESS: temporal.address, API_WAIT_TIMEOUT: `PT${WAIT_SECONDS}S` });
    org = await createOrg(stack);
    project = await createProject(stack, org.coordinator, genericProject(org));
    admin = new PgClient({ connectionString: process.env.E2E_DATABASE_URL });
    await admin.connect();
    database = new URL(stack.config.database.url).pathname.slice(1);
  });
  afterAll(async () => {
    await admin?.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`).catch(() => undefined);
    await admin?.end();
    await temporal?.restore().catch(() => undefined);
    await stack?.close();
    await temporal?.close();
  });

  /** Sends the request and checks the answer is an outage: 503, Retry-After, the dependency named, in time. */
  async function expectOutage(send: () => PromiseLike<{ status: number; headers: Record<string, string>; body: any }>, dependency: RegExp) {
    const started = Date.now();
    const res = await send();
    const elapsed = Date.now() - started;
    expect({ status: res.status, retryAfter: res.headers['retry-after'], message: res.body.message }).toEqual({
      status: 503, retryAfter: expect.stringMatching(/^\d+$/), message: expect.stringMatching(dependency),
    });
    expect(elapsed).toBeLessThan(BOUND_MS);
    return res;
  }

  it('PostgreSQL closed to connections: reads and writes answer 503 naming the database, and health says so', async () => {
    await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database]);
    try {
      await expectOutage(() => stack.http.get('/api/projects').set('Authorization', org.coordinator), /database/i);
      await expectOutage(() => stack.http.get(`/api/projects/${project.id}`).set('Authorization', org.owner), /database/i);
      await expectOutage(() => stack.http.post(`/api/projects/${project.id}/reports`).set('Authorization', org.owner).send({ narrative: '停库时填报' }), /database/i);
      const health = await stack.http.get('/health');
      expect(health.status).toBe(503);
      expect(health.body.database.status).toBe('down');
    } finally {
      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
    }
    await stack.http.get('/api/projects').set('Authorization', org.coordinator).expect(200);
  });

  it('Temporal unreachable: a write answers 503 naming Temporal within the bound; reads from PostgreSQL still answer', async () => {
    await temporal.cut();
    try {
      await expectOutage(() => stack.http.post(`/api/projects/${project.id}/close`).set('Authorization', org.coordinator).send({ reason: '合并入下一年度计划' }), /Temporal/);
      await expectOutage(() => stack.http.post('/api/projects').set('Authorization', org.coordinator).send(genericProject(org, { name: 'Temporal 停机时新建' })), /Temporal/);
      await stack.http.get(`/api/projects/${project.id}`).set('Authorization', org.coordinator).expect(200);
      const health = await stack.http.get('/health');
      expect(health.status).toBe(503);
      expect(health.body.temporal.status).toBe('down');
    } finally {
      await temporal.restore();
    }
  });

  it('an Update no worker takes in time: 503 naming Temporal within the bound, and the same key applies it once when retried later', async () => {
    await stack.stopWorker();
    try {
      await expectOutage(
        () => stack.http.post(`/api/projects/${project.id}/reports`).set('Authorization', org.owner).set('Idempotency-Key', 'late-report-1').send({ narrative: '无 worker 时填报' }),
        /Temporal/,
      );
    } finally {
      await stack.startWorker();
    }
    // A client retries with the same key after Retry-After until the change is taken (each retry a 503 or the answer).
    await eventually(async () => {
      const retried = await stack.http.post(`/api/projects/${project.id}/reports`).set('Authorization', org.owner).set('Idempotency-Key', 'late-report-1').send({ narrative: '无 worker 时填报' });
      expect([201, 503]).toContain(retried.status);
      return retried.status === 201 ? retried : undefined;
    }, 'the retried report is taken once the worker is back', 60_000, 1000);
    const reports = (await stack.http.get(`/api/projects/${project.id}/reports`).set('Authorization', org.owner).expect(200)).body as Array<{ narrative: string }>;
    expect(reports.filter((r) => r.narrative === '无 worker 时填报')).toHaveLength(1);
  });
});
