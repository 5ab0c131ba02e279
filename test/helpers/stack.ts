import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/app.factory';
import { createSupervisionActivities } from '../../apps/worker/src/worker';
import { AppConfig, loadConfig } from '../../libs/config/src';
import { openDatabase } from '../../libs/persistence/src';

export interface TestStack {
  config: AppConfig;
  app: INestApplication;
  http: ReturnType<typeof request>;
  ds: DataSource;
  worker: Worker;
  /** Stops the worker only (the API stays), to test what survives a worker crash. */
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

let runtimeReady = false;

/** The real stack for one test file: its own database and task queue on the shared dev server and PostgreSQL. */
export async function startTestStack(env: Record<string, string> = {}): Promise<TestStack> {
  if (!runtimeReady) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeReady = true;
  }
  const dbName = `e2e_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new PgClient({ connectionString: process.env.E2E_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(process.env.E2E_DATABASE_URL!);
  url.pathname = `/${dbName}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    // Quiet unless the run asks, e.g. LOG_LEVEL=info npx jest --selectProjects e2e … to see each request's line.
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    DATA_DIR: process.env.E2E_DATA_DIR,
    DATABASE_URL: url.toString(),
    TEMPORAL_ADDRESS: process.env.E2E_TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: `e2e-${dbName}`,
    ADMIN_PASSWORD: 'admin-e2e-password',
    JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret',
    DEMO_DATA: 'false',
    // The tests run schedules and rounds on seconds-scale windows; the security tests restore the real minimums.
    SCHEDULE_MIN_INTERVAL: 'PT1S',
    DISPATCH_MIN_REPORTING_WINDOW: 'PT1S',
    ...env,
  });
  const app = await createApiApp(config);
  await app.init();
  const ds = await openDatabase(config.database.url);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const makeWorker = () =>
    Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      workflowBundle: { codePath: process.env.E2E_WORKFLOW_BUNDLE! },
      activities: createSupervisionActivities(config, ds),
    });
  let worker = await makeWorker();
  let running = worker.run();
  const stack: TestStack = {
    config, app, ds, worker,
    http: request(app.getHttpServer()),
    async stopWorker() {
      worker.shutdown();
      await running;
    },
    async startWorker() {
      worker = await makeWorker();
      stack.worker = worker;
      running = worker.run();
    },
    async close() {
      if (worker.getState() === 'RUNNING') {
        worker.shutdown();
        await running.catch(() => undefined);
      }
      await connection.close();
      await app.close();
      await ds.destroy();
    },
  };
  return stack;
}

/** Signs in and returns the Authorization header value. */
export async function login(stack: Pick<TestStack, 'http'>, username: string, password: string): Promise<string> {
  const res = await stack.http.post('/api/auth/login').send({ username, password }).expect(200);
  return `Bearer ${res.body.accessToken}`;
}

/** Polls until `check` returns a value (not undefined) or the time runs out; for asynchronous effects such as timers. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 30_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
