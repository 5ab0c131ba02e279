import { ChildProcess, spawn, StdioOptions } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '../../../libs/config/src';
import { isPortOpen } from '../../../libs/embedded/src/net';

/**
 * How the supervisor knows a process is serving: its port accepts connections, a check passes,
 * or it says so itself over the IPC channel (`process.send('ready')`, see `signalReady`).
 */
export type Readiness =
  | { kind: 'port'; port: number; host?: string }
  | { kind: 'check'; check: () => Promise<boolean> }
  | { kind: 'message' };

/** One process the launcher runs and keeps running. */
export interface ProcessSpec {
  /** Unique, used in every log line: `postgres`, `temporal`, `worker-2`, `api-1`. */
  name: string;
  command: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as another user (root starting PostgreSQL as `postgres`). */
  uid?: number;
  gid?: number;
  /** `inherit` shares the launcher's stdout/stderr; a file path appends both there (noisy servers). */
  output?: 'inherit' | string;
  ready: Readiness;
  /** How long a (re)start may take before it counts as failed; default 60 s. */
  readyTimeoutMs?: number;
  /** Names of processes that must be ready before this one starts, and that stop only after it. */
  dependsOn?: string[];
  /** Default SIGTERM; PostgreSQL wants SIGINT (fast shutdown). */
  stopSignal?: NodeJS.Signals;
  /** How long a stop may take before SIGKILL; default 10 s. */
  graceMs?: number;
  /** Runs before every launch, e.g. to clear what a crash left behind. */
  beforeLaunch?: () => void | Promise<void>;
}

export interface SupervisorOptions {
  /** Delay before the first restart; doubles per crash in a row up to maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A process that stayed up this long has its crash count reset. */
  stableAfterMs?: number;
}

export interface ProcessEvent {
  name: string;
  pid?: number;
  code?: number | null;
  signal?: NodeJS.Signals | null;
  restartInMs?: number;
  /** From the crash until ready again. */
  downMs?: number;
  restarts?: number;
}

/** Called by a supervised Node process once it serves (its readiness is `{ kind: 'message' }`). */
export function signalReady(): void {
  process.send?.('ready');
}

/** pino already uses `name` for the logger; the process goes under `process`. */
const logFields = ({ name, ...rest }: ProcessEvent) => ({ process: name, ...rest });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class Supervised {
  child?: ChildProcess;
  ready = false;
  restarts = 0;
  private crashesInRow = 0;
  private startedAt = 0;
  private downSince?: number;
  private restartTimer?: NodeJS.Timeout;
  private stopping = false;
  private readyWaiters: Array<() => void> = [];

  constructor(
    readonly spec: ProcessSpec,
    private readonly owner: Supervisor,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** First start: launches and waits until ready; crashes before that are retried until the timeout. */
  async start(): Promise<void> {
    const timeoutMs = this.spec.readyTimeoutMs ?? 60_000;
    const deadline = Date.now() + timeoutMs;
    let lastExit = '';
    for (;;) {
      const exit = await this.launchAndWait(deadline);
      if (exit === 'ready') return;
      lastExit = exit;
      if (Date.now() >= deadline || this.stopping) break;
      await sleep(this.owner.backoff(++this.crashesInRow));
    }
    this.stopping = true;
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    const where = this.spec.output && this.spec.output !== 'inherit' ? `; see ${this.spec.output}` : '';
    throw new Error(`${this.spec.name} did not start within ${Math.round(timeoutMs / 1000)} s (${lastExit || 'no answer'})${where}`);
  }

  /** Launches once; resolves 'ready', or a description of how it exited, or 'timeout'. */
  private async launchAndWait(deadline: number): Promise<string> {
    const child = await this.launch();
    let exited: string | undefined;
    child.once('exit', (code, signal) => (exited = signal ? `killed by ${signal}` : `exited with code ${code}`));
    let gotMessage = false;
    child.on('message', (m) => m === 'ready' && (gotMessage = true));
    while (Date.now() < deadline && !this.stopping) {
      if (exited) return exited;
      if (await this.probe(() => gotMessage)) {
        if (exited) return exited;
        this.markReady(child);
        return 'ready';
      }
      await sleep(200);
    }
    return exited ?? 'timeout';
  }

  private probe(messaged: () => boolean): Promise<boolean> {
    const r = this.spec.ready;
    if (r.kind === 'message') return Promise.resolve(messaged());
    if (r.kind === 'port') return isPortOpen(r.port, r.host);
    return r.check().catch(() => false);
  }

  private async launch(): Promise<ChildProcess> {
    await this.spec.beforeLaunch?.();
    const out = this.spec.output ?? 'inherit';
    let stdio: StdioOptions;
    let fd: number | undefined;
    if (out === 'inherit') stdio = ['ignore', 'inherit', 'inherit'];
    else {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fd = fs.openSync(out, 'a');
      stdio = ['ignore', fd, fd];
    }
    if (this.spec.ready.kind === 'message') stdio = [...stdio, 'ipc'];
    // Its own process group: a Ctrl-C in the terminal reaches the launcher only, which then stops
    // everything in order (otherwise PostgreSQL would get the SIGINT at once, before the API).
    const child = spawn(this.spec.command, this.spec.args ?? [], { env: this.spec.env ?? process.env, cwd: this.spec.cwd, uid: this.spec.uid, gid: this.spec.gid, stdio, detached: true });
    if (fd !== undefined) fs.closeSync(fd);
    // A spawn failure (missing binary, EACCES) arrives as 'error' and then 'exit'; it counts as a crash.
    child.on('error', (err) => this.owner.logger.error({ process: this.spec.name, err: err.message }, `${this.spec.name} could not be started`));
    this.child = child;
    this.ready = false;
    this.startedAt = Date.now();
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    return child;
  }

  private markReady(child: ChildProcess): void {
    this.ready = true;
    if (this.downSince !== undefined) {
      const downMs = Date.now() - this.downSince;
      this.downSince = undefined;
      const event: ProcessEvent = { name: this.spec.name, pid: child.pid, downMs, restarts: this.restarts };
      this.owner.logger.warn(logFields(event), `${this.spec.name} is back (pid ${child.pid}) after ${(downMs / 1000).toFixed(1)} s`);
      this.owner.emit('recovered', event);
    } else {
      this.owner.logger.info({ process: this.spec.name, pid: child.pid }, `${this.spec.name} started (pid ${child.pid})`);
    }
    for (const w of this.readyWaiters.splice(0)) w();
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return;
    const wasReady = this.ready;
    this.ready = false;
    if (this.stopping || this.owner.isStopping) return;
    // Crashes during the first start are handled (and reported) by start().
    if (!wasReady && this.downSince === undefined) return;
    if (Date.now() - this.startedAt > this.owner.stableAfterMs) this.crashesInRow = 0;
    this.crashesInRow += 1;
    this.restarts += 1;
    this.downSince ??= Date.now();
    const restartInMs = this.owner.backoff(this.crashesInRow);
    const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
    const event: ProcessEvent = { name: this.spec.name, pid: child.pid, code, signal, restartInMs, restarts: this.restarts };
    this.owner.logger.error(logFields(event), `${this.spec.name} (pid ${child.pid}) ${how}; restarting in ${(restartInMs / 1000).toFixed(1)} s`);
    this.owner.emit('died', event);
    this.restartTimer = setTimeout(() => void this.relaunch(), restartInMs);
  }

  /** After a crash: launch again and watch readiness for as long as the new process lives. */
  private async relaunch(): Promise<void> {
    this.restartTimer = undefined;
    if (this.stopping || this.owner.isStopping) return;
    let child: ChildProcess;
    try {
      child = await this.launch();
    } catch (err) {
      this.owner.logger.error({ process: this.spec.name, err: (err as Error).message }, `${this.spec.name} could not be prepared; retrying`);
      this.restartTimer = setTimeout(() => void this.relaunch(), this.owner.backoff(++this.crashesInRow));
      return;
    }
    let gotMessage = false;
    child.on('message', (m) => m === 'ready' && (gotMessage = true));
    while (this.child === child && child.exitCode === null && child.signalCode === null && !this.stopping) {
      if (await this.probe(() => gotMessage)) {
        if (child.exitCode === null && child.signalCode === null) this.markReady(child);
        return;
      }
      await sleep(200);
    }
  }

  /** Resolves when ready (now or after a restart). */
  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((r) => this.readyWaiters.push(r));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const grace = this.spec.graceMs ?? 10_000;
      const timer = setTimeout(() => {
        this.owner.logger.warn({ process: this.spec.name, graceMs: grace }, `${this.spec.name} did not stop within ${grace / 1000} s; killing it`);
        child.kill('SIGKILL');
      }, grace);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill(this.spec.stopSignal ?? 'SIGTERM');
    });
    this.owner.logger.info({ process: this.spec.name }, `${this.spec.name} stopped`);
  }
}

/**
 * Starts processes in dependency order, restarts any that dies (with backoff, logging what died and
 * when it came back), and stops them in reverse: a process stops only after everything depending on
 * it has stopped. Dependents are not restarted with their dependency: they reconnect by themselves.
 */
export class Supervisor extends EventEmitter {
  private readonly processes = new Map<string, Supervised>();
  private readonly order: string[] = [];
  private stopPromise?: Promise<void>;
  readonly stableAfterMs: number;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(
    readonly logger: Logger,
    options: SupervisorOptions = {},
  ) {
    super();
    this.initialBackoffMs = options.initialBackoffMs ?? 250;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.stableAfterMs = options.stableAfterMs ?? 60_000;
  }

  get isStopping(): boolean {
    return this.stopPromise !== undefined;
  }

  backoff(crashesInRow: number): number {
    return Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** Math.max(0, crashesInRow - 1));
  }

  add(spec: ProcessSpec): this {
    if (this.processes.has(spec.name)) throw new Error(`process ${spec.name} is already supervised`);
    for (const dep of spec.dependsOn ?? []) if (!this.processes.has(dep)) throw new Error(`${spec.name} depends on ${dep}, which is not supervised (add it first)`);
    this.processes.set(spec.name, new Supervised(spec, this));
    this.order.push(spec.name);
    return this;
  }

  /** Starts everything added and not yet started; independent processes start side by side. */
  async start(): Promise<void> {
    const started = new Map<string, Promise<void>>();
    const startOne = (name: string): Promise<void> => {
      let p = started.get(name);
      if (!p) {
        const proc = this.processes.get(name)!;
        p = Promise.all((proc.spec.dependsOn ?? []).map(startOne)).then(() => (this.isStopping ? undefined : proc.child ? proc.whenReady() : proc.start()));
        started.set(name, p);
      }
      return p;
    };
    await Promise.all(this.order.map(startOne));
  }

  /** Stops in reverse dependency order; always resolves (SIGKILL after each grace period). */
  stop(): Promise<void> {
    this.stopPromise ??= (async () => {
      const stopped = new Map<string, Promise<void>>();
      const dependents = (name: string) => this.order.filter((n) => this.processes.get(n)!.spec.dependsOn?.includes(name));
      const stopOne = (name: string): Promise<void> => {
        let p = stopped.get(name);
        if (!p) {
          p = Promise.all(dependents(name).map(stopOne)).then(() => this.processes.get(name)!.stop());
          stopped.set(name, p);
        }
        return p;
      };
      await Promise.all(this.order.map(stopOne));
    })();
    return this.stopPromise;
  }

  /** Name, pid and readiness of every process (pids are what an operator or a fault test would kill). */
  status(): Array<{ name: string; pid?: number; ready: boolean; restarts: number }> {
    return this.order.map((name) => {
      const p = this.processes.get(name)!;
      return { name, pid: p.pid, ready: p.ready, restarts: p.restarts };
    });
  }
}
