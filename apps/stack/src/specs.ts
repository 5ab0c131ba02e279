import * as path from 'node:path';
import type { AppConfig, Logger } from '../../../libs/config/src';
import { devServerCommand, preparePostgres } from '../../../libs/embedded/src';
import type { ProcessSpec } from './supervisor';

/** The servers the embedded default runs; empty when both are external. */
export function serverSpecs(config: AppConfig, env: NodeJS.ProcessEnv, logger: Logger): ProcessSpec[] {
  const specs: ProcessSpec[] = [];
  if (config.database.embedded) {
    const pg = preparePostgres({ dataDir: config.dataDir, port: config.database.port });
    for (const note of pg.notes) logger.warn({ process: 'postgres' }, note);
    specs.push({
      name: 'postgres', command: pg.command, args: pg.args, env: pg.env, uid: pg.uid, gid: pg.gid, output: pg.logFile,
      ready: { kind: 'check', check: pg.ready }, beforeLaunch: pg.beforeLaunch,
      // SIGINT is PostgreSQL's fast shutdown: it does not wait for clients to hang up.
      stopSignal: 'SIGINT', graceMs: 10_000,
    });
  }
  if (config.temporal.embedded) {
    const dev = devServerCommand({ dataDir: config.dataDir, port: config.temporal.port, uiPort: config.temporal.uiPort, namespace: config.temporal.namespace });
    env.TEMPORAL_ADDRESS = dev.address;
    // Started after PostgreSQL and stopped before it, so a stop goes API, worker, Temporal, PostgreSQL.
    const after = specs.map((s) => s.name);
    // Its first start creates its SQLite schema before it listens: on a loaded machine that took over 60 s once.
    specs.push({ name: 'temporal', command: dev.command, args: dev.args, output: dev.logFile, ready: { kind: 'port', port: config.temporal.port }, dependsOn: after, graceMs: 10_000, readyTimeoutMs: 120_000 });
  }
  return specs;
}

/** A Node entry point of this build (worker, API) as a supervised process. */
export function nodeAppSpec(name: string, script: string, env: NodeJS.ProcessEnv, extra: Partial<ProcessSpec>): ProcessSpec {
  return { name, command: process.execPath, args: [path.resolve(__dirname, '../../..', script)], env, output: 'inherit', ready: { kind: 'message' }, ...extra };
}
