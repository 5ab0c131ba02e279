import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleWorkflowCode, DefaultLogger, LogEntry, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createChannelActivities, createNotifier } from '../../../activities/channels/channels.activities';
import { createCircularActivities } from '../../../activities/circulars/circulars.activities';
import { createDispatchActivities } from '../../../activities/dispatch/dispatch.activities';
import { createProjectActivities } from '../../../activities/project/project.activities';
import { createRectificationActivities } from '../../../activities/rectification/rectification.activities';
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

/** Every activity the workflows proxy, built on one data source and the configured notification channels. */
export function createSupervisionActivities(config: AppConfig, ds: DataSource) {
  const notifier = createNotifier(ds, config.channels);
  return {
    ...createProjectActivities(ds, notifier),
    ...createChannelActivities(ds, config.channels, config.api.publicUrl),
    ...createDispatchActivities(ds),
    ...createCircularActivities(ds),
    ...createRectificationActivities(ds, notifier),
  };
}

/** The workflow code bundled once (the launcher does it for its workers), so a restarted worker is serving in seconds. */
export async function bundleWorkflows(file: string): Promise<string> {
  const code = (await bundleWorkflowCode({ workflowsPath: workflowsPath(), logger: quietBundler })).code;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, code);
  return file;
}

const quietBundler = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: (m: string) => process.stderr.write(m + '\n') };

/** `workflowBundle`: a file written by bundleWorkflows from this same build; without it the worker bundles at start. */
export async function createSupervisionWorker(config: AppConfig, connection: NativeConnection, ds: DataSource, workflowBundle?: string): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    ...(workflowBundle ? { workflowBundle: { codePath: workflowBundle } } : { workflowsPath: workflowsPath() }),
    activities: createSupervisionActivities(config, ds),
    // A worker asked to stop lets running activities finish first.
    shutdownGraceTime: '10 seconds',
    // Workflow tasks run on one thread (reuseV8Context): the SDK's default of 40 task slots let 40 tasks wait in the
    // worker after a restart (every workflow replaying its history at once), counted against the 10 s workflow task
    // timeout — hence TMPRL1104 (> 5 s) and "Workflow task not found" when a timed-out task was completed late.
    // A few slots keep the wait on the server, where it does not count; tasks of a dead worker's sticky queue move to
    // the normal queue after 5 s instead of 10.
    // WORKER_WORKFLOW_TASK_SLOTS (4).
    maxConcurrentWorkflowTaskExecutions: config.worker.workflowTaskSlots,
    maxConcurrentActivityTaskExecutions: config.worker.activitySlots,
    ...(config.worker.cachedWorkflows !== undefined ? { maxCachedWorkflows: config.worker.cachedWorkflows } : {}),
    stickyQueueScheduleToStartTimeout: '5 seconds',
  });
}
