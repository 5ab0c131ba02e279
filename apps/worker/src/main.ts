import 'reflect-metadata';
import { ConfigError, connectWorker, createLogger, loadConfig } from '../../../libs/config/src';
import { openDatabase } from '../../../libs/persistence/src';
import { createSupervisionWorker, installRuntimeLogger } from './worker';

/** The Temporal worker process: builds the activities with their dependencies and runs until told to stop. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config, 'worker');
  installRuntimeLogger(logger);
  const ds = await openDatabase(config.database.url);
  const connection = await connectWorker(config.temporal);
  const worker = await createSupervisionWorker(config, connection, ds, process.env.WORKFLOW_BUNDLE);
  logger.info({ taskQueue: config.temporal.taskQueue, namespace: config.temporal.namespace, temporal: config.temporal.address }, 'worker started');
  // Tells the launcher (apps/stack) that this worker is up; no-op when run on its own.
  process.send?.('ready');
  process.channel?.unref();
  // SIGINT/SIGTERM make worker.run() resolve after a graceful shutdown (the SDK installs those handlers).
  await worker.run();
  await connection.close();
  await ds.destroy();
  logger.info('worker stopped');
}

main().catch((err) => {
  // One clear line, then exit: whatever supervises the process restarts it.
  const message = err instanceof ConfigError ? err.message : (err as Error).message;
  process.stderr.write(`${JSON.stringify({ level: 'fatal', service: 'worker', msg: message })}\n`);
  process.exit(1);
});
