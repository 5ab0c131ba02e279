import * as path from 'node:path';
import { DefaultLogger, LogEntry, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createProjectActivities } from '../../../activities/project/project.activities';
import { AppConfig, Logger } from '../../../libs/config/src';

let runtimeInstalled = false;

/** Routes the SDK's own logs into our JSON logger (once per process). */
export function installRuntimeLogger(logger: Logger): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const level = (logger.level === 'debug' || logger.level === 'trace' ? 'DEBUG' : 'WARN') as 'DEBUG' | 'WARN';
  Runtime.install({
    logger: new DefaultLogger(level, (entry: LogEntry) => {
      const method = entry.level === 'ERROR' ? 'error' : entry.level === 'WARN' ? 'warn' : 'debug';
      logger[method]({ ...entry.meta, sdk: true }, entry.message);
    }),
  });
}

/** Workflow code: the compiled index in production, the TypeScript source in tests (the bundler reads both). */
export function workflowsPath(): string {
  return require.resolve(path.join(__dirname, '../../../workflows'));
}

export async function createSupervisionWorker(config: AppConfig, connection: NativeConnection, ds: DataSource): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowsPath: workflowsPath(),
    activities: { ...createProjectActivities(ds) },
    // A worker asked to stop lets running activities finish first.
    shutdownGraceTime: '10 seconds',
  });
}
