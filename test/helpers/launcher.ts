import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { freePort, isPortOpen } from '../../libs/embedded/src/net';

export const repoDir = path.resolve(__dirname, '../..');

/** A port for the dev server whose companions (+10 HTTP, +20 metrics) are free too. */
async function freeTemporalPort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port + 20 < 65536 && !(await isPortOpen(port + 10)) && !(await isPortOpen(port + 20))) return port;
  }
}

/** The environment of one launcher on its own data folder and free ports. */
export async function launcherEnv(dataDir: string, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    DATA_DIR: dataDir, DEMO_DATA: 'false', LOG_LEVEL: 'warn', ADMIN_PASSWORD: 'stack-admin-password',
    API_PORT: String(await freePort()), POSTGRES_PORT: String(await freePort()), TEMPORAL_PORT: String(await freeTemporalPort()), TEMPORAL_UI_PORT: String(await freePort()),
    ...extra,
  };
}

export interface Launched {
  child: ChildProcess;
  output(): string;
  /** The launcher's own JSON log lines (service "stack"). */
  events(): Array<Record<string, any>>;
  /** The pid of a supervised process, from its latest "started" or "is back" line. */
  pidOf(name: string): number;
  /** Ctrl-C: resolves with the exit code and how long the stop took. */
  interrupt(): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

/** What `npm start` runs (`node dist/apps/stack/src/main.js`, or `command` in `cwd`); resolves once it prints that it is running. */
export function launch(env: Record<string, string>, opts: { cwd?: string; command?: string[]; timeoutMs?: number } = {}): Promise<Launched> {
  const [cmd, ...args] = opts.command ?? [process.execPath, path.join(repoDir, 'dist/apps/stack/src/main.js')];
  // Its own process group, like a terminal's foreground job: Ctrl-C (interrupt) reaches npm, the shell and the launcher.
  const child = spawn(cmd, args, { cwd: opts.cwd ?? repoDir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const events = () =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{') && l.includes('"service":"stack"'))
      .map((l) => JSON.parse(l) as Record<string, any>);
  const launched: Launched = {
    child,
    output: () => out,
    events,
    pidOf(name) {
      const line = events().filter((e) => e.process === name && typeof e.pid === 'number' && /started|is back/.test(e.msg)).pop();
      if (!line) throw new Error(`no pid logged for ${name}:\n${out}`);
      return line.pid as number;
    },
    interrupt: () =>
      new Promise((resolve) => {
        const started = Date.now();
        if (child.exitCode !== null || child.signalCode !== null) return resolve({ code: child.exitCode, signal: child.signalCode, ms: 0 });
        // 'close': the process has exited and everything under it holding its output too (npm → launcher).
        child.once('close', (code, signal) => resolve({ code, signal, ms: Date.now() - started }));
        process.kill(-child.pid!, 'SIGINT');
      }),
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.kill(-child.pid!, 'SIGINT');
      reject(new Error(`the stack did not start:\n${out}`));
    }, opts.timeoutMs ?? 240_000);
    child.stdout!.on('data', () => {
      if (out.includes('Press Ctrl-C to stop.')) {
        clearTimeout(timer);
        resolve(launched);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the stack exited with ${code}:\n${out}`));
    });
  });
}

/** JSON over HTTP with an optional bearer token and Idempotency-Key; network errors become status 0. */
export async function call(base: string, method: string, url: string, body?: unknown, token?: string, headers: Record<string, string> = {}, timeoutMs = 20_000): Promise<{ status: number; body: any; error?: string }> {
  try {
    const res = await fetch(base + url, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed };
  } catch (err) {
    return { status: 0, body: undefined, error: (err as Error).message };
  }
}
