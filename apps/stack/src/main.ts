import * as path from 'node:path';
import { AppConfig, ConfigError, createLogger, loadClusterSettings, loadConfig } from '../../../libs/config/src';
import { assertPortFree, ensureDatabase, SetupError } from '../../../libs/embedded/src';
import { openDatabase } from '../../../libs/persistence/src';
import { bundleWorkflows } from '../../worker/src/worker';
import { RunningCluster, startCluster } from './cluster';
import { nodeAppSpec, serverSpecs } from './specs';
import { Supervisor } from './supervisor';

/**
 * `npm start`: the whole stack on embedded defaults — PostgreSQL and the Temporal dev server (unless
 * DATABASE_URL / TEMPORAL_ADDRESS point elsewhere), migrations, the worker and the API, each a child
 * process the launcher restarts if it dies, and the demo data. Ctrl-C stops them in reverse order
 * (API, worker, Temporal, PostgreSQL); data stays in DATA_DIR. `npm start -- --cluster` (STACK_MODE=cluster)
 * runs the production topology instead: the Temporal server on PostgreSQL, several workers and APIs (./cluster.ts).
 */

async function main(): Promise<void> {
  const config: AppConfig = loadConfig();
  // `npm start -- --cluster` or STACK_MODE=cluster: the production topology (./cluster.ts).
  const settings = loadClusterSettings(process.argv.includes('--cluster') ? { ...process.env, STACK_MODE: 'cluster' } : process.env);
  const logger = createLogger(config, 'stack');
  let cluster: RunningCluster | undefined;
  const supervisor = new Supervisor(logger);
  let stopping = false;
  const stop = async (signal: string, code: number) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    logger.info({ signal }, 'stopping');
    await cluster?.balancer.close();
    await supervisor.stop();
    // The log is buffered: flush it first, so this stays the last line.
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
    process.stdout.write(`stopped; data kept in ${config.dataDir} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`, () => process.exit(code));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(signal, 0));

  try {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: config.dataDir };
    if (config.database.embedded) await assertPortFree(config.database.port, 'POSTGRES_PORT');
    if (config.temporal.embedded) await assertPortFree(config.temporal.port, 'TEMPORAL_PORT');
    // The cluster mode runs the Temporal server instead of the dev server.
    const servers = serverSpecs(settings.mode === 'cluster' ? { ...config, temporal: { ...config.temporal, embedded: false } } : config, env, logger);
    for (const spec of servers) supervisor.add(spec);
    // Bundled once while the servers start: every worker (re)start then skips the bundler.
    const bundle = bundleWorkflows(path.join(config.dataDir, 'run', 'workflow-bundle.js'));
    bundle.catch(() => undefined);
    await supervisor.start();
    env.WORKFLOW_BUNDLE = await bundle;
    if (stopping) return;
    if (config.database.embedded) env.DATABASE_URL = await ensureDatabase(config.database.port);
    const ds = await openDatabase(env.DATABASE_URL ?? config.database.url, { migrate: true });
    await ds.destroy();

    const serverNames = servers.map((s) => s.name);
    if (settings.mode === 'cluster') {
      cluster = await startCluster(supervisor, { config, settings, env, databaseUrl: env.DATABASE_URL ?? config.database.url, dependsOn: serverNames, logger });
    } else {
      supervisor.add(nodeAppSpec('worker', 'apps/worker/src/main.js', env, { dependsOn: serverNames, graceMs: 15_000, readyTimeoutMs: 120_000 }));
      // The API stops before the worker, so the Updates of its last requests still find a worker.
      const apiHost = config.api.host === '0.0.0.0' ? '127.0.0.1' : config.api.host;
      supervisor.add(nodeAppSpec('api', 'apps/api/src/main.js', env, { dependsOn: [...serverNames, 'worker'], ready: { kind: 'port', port: config.api.port, host: apiHost }, graceMs: 10_000, readyTimeoutMs: 120_000 }));
      await supervisor.start();
    }
    if (stopping) return;
  } catch (err) {
    if (stopping) return;
    const message = err instanceof ConfigError || err instanceof SetupError ? err.message : (err as Error).message;
    process.stderr.write(`${JSON.stringify({ level: 'fatal', service: 'stack', msg: message })}\n`);
    stopping = true;
    await supervisor.stop();
    process.exit(1);
  }

  if (config.demoData) {
    const { seedDemo } = await import('../../../libs/demo/src/seed-demo');
    await seedDemo(config, logger).catch((err: Error) => logger.error({ err: err.message }, 'demo data could not be loaded'));
  }
  const lines = [
    '',
    'Key-project supervision engine is running',
    `  Web UI         ${config.api.publicUrl}/`,
    `  API            ${config.api.publicUrl}/api`,
    `  OpenAPI docs   ${config.api.publicUrl}/api/docs`,
    `  Health         ${config.api.publicUrl}/health`,
    `  Temporal UI    ${cluster ? (cluster.uiUrl ?? 'not installed (scripts/install-tools.sh --with-cluster builds it)') : config.temporal.embedded ? `http://localhost:${config.temporal.uiPort}` : config.temporal.uiUrl}`,
    ...(cluster?.lines ?? []),
    `  Sign in        admin / ${process.env.ADMIN_PASSWORD ? '(ADMIN_PASSWORD)' : config.auth.adminPassword}`,
    `  Data           ${config.dataDir}`,
    `  Processes      ${supervisor.status().map((p) => `${p.name} (pid ${p.pid})`).join(', ')}`,
    'Press Ctrl-C to stop.',
    '',
  ];
  if (!stopping) process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', service: 'stack', msg: (err as Error).message })}\n`);
  process.exit(1);
});
