import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isPortOpen } from '../../libs/embedded/src/net';

/** A run of free ports below 32768 (Temporal keeps its membership ports in a smallint). */
export async function freePortBlock(offsets: number[]): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 12_000);
    const open = await Promise.all(offsets.map((o) => isPortOpen(base + o)));
    if (!open.some(Boolean)) return base;
  }
  throw new Error('no free block of ports');
}

export interface LaunchedCluster {
  dataDir: string;
  apiPort: number;
  temporalPort: number;
  postgresPort: number;
  adminPassword: string;
  /** Everything the launcher printed so far. */
  output(): string;
  /** Process name → pid, as the launcher's banner lists them. */
  pids(): Record<string, number>;
  /** When the launcher logged that `name` is back after a crash later than `after` (ms since epoch), and its new pid. */
  backAt(name: string, after: number): { at: number; pid: number } | undefined;
  stop(): Promise<void>;
}

/**
 * Runs what `npm start -- --cluster` runs (the built launcher) on its own data folder and free ports,
 * and resolves once it prints that it is running.
 */
export async function launchCluster(env: Record<string, string> = {}): Promise<LaunchedCluster> {
  const root = path.resolve(__dirname, '../..');
  const dist = fs.existsSync(path.join(root, 'dist')) ? path.join(root, 'dist') : root;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'supervision-cluster-'));
  fs.chmodSync(dataDir, 0o755);
  const temporalPort = await freePortBlock([0, 1, 2, 3, 4, 5, 6, 7, 10, 20]);
  const apiPort = await freePortBlock([0, 1, 2, 3, 4]);
  const postgresPort = await freePortBlock([0]);
  const adminPassword = 'admin-cluster-password';
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    STACK_MODE: 'cluster', DATA_DIR: dataDir, DEMO_DATA: 'false', LOG_LEVEL: 'warn', ADMIN_PASSWORD: adminPassword, JWT_SECRET: 'cluster-secret-cluster-secret',
    API_PORT: String(apiPort), POSTGRES_PORT: String(postgresPort), TEMPORAL_PORT: String(temporalPort), TEMPORAL_UI_PORT: String(await freePortBlock([0])),
    ...env,
  };
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS']) if (!(k in env)) delete childEnv[k];
  const child: ChildProcess = spawn(process.execPath, [path.join(dist, 'apps/stack/src/main.js')], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the cluster did not start:\n${out}`)), 300_000);
    child.stdout!.on('data', () => {
      if (out.includes('Press Ctrl-C to stop.')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`the launcher exited with ${code}:\n${out}`)));
  });
  return {
    dataDir, apiPort, temporalPort, postgresPort, adminPassword,
    output: () => out,
    pids() {
      const line = out.split('\n').find((l) => l.includes('  Processes '))!;
      return Object.fromEntries([...line.matchAll(/([\w-]+) \(pid (\d+)\)/g)].map((m) => [m[1], Number(m[2])]));
    },
    backAt(name, after) {
      for (const line of out.split('\n')) {
        let entry: { msg?: string; time?: string };
        try {
          entry = JSON.parse(line);
        } catch {
          continue;
        }
        if (typeof entry.msg === 'string' && entry.msg.startsWith(`${name} is back (pid `) && Date.parse(entry.time!) > after) return { at: Date.parse(entry.time!), pid: Number(/pid (\d+)/.exec(entry.msg)![1]) };
      }
      return undefined;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
