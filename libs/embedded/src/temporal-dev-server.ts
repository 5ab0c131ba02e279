import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isPortOpen, waitForPort } from './net';
import { toolPaths } from './tools';
import { SEARCH_ATTRIBUTE_TYPES } from '../../contracts/src/search-attributes';

export interface DevServerOptions {
  dataDir: string;
  port: number;
  uiPort: number;
  namespace: string;
  /** Write the server's own log here (it is noisy); default DATA_DIR/temporal/server.log. */
  logFile?: string;
  headless?: boolean;
}

export interface RunningDevServer {
  address: string;
  uiUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** The command line of the Temporal CLI dev server with its state persisted under DATA_DIR/temporal. */
export function devServerCommand(opts: DevServerOptions): { command: string; args: string[]; logFile: string; address: string; uiUrl: string } {
  const dir = path.join(opts.dataDir, 'temporal');
  fs.mkdirSync(dir, { recursive: true });
  const args = [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(opts.port),
    '--ui-port', String(opts.uiPort),
    '--http-port', String(opts.port + 10),
    '--metrics-port', String(opts.port + 20),
    '--db-filename', path.join(dir, 'temporal.db'),
    '--namespace', opts.namespace,
    '--log-level', 'warn',
    '--log-format', 'json',
  ];
  if (opts.headless) args.push('--headless');
  // ProjectStatus, PlanId, … (libs/contracts): project workflows upsert them, so the server must know them.
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTE_TYPES)) args.push('--search-attribute', `${name}=${type === 'DATETIME' ? 'Datetime' : 'Keyword'}`);
  return { command: toolPaths().temporalCli, args, logFile: opts.logFile ?? path.join(dir, 'server.log'), address: `127.0.0.1:${opts.port}`, uiUrl: `http://localhost:${opts.uiPort}` };
}

/** Starts the dev server as a plain child process (tests and the bench; the launcher supervises it instead). */
export async function startTemporalDevServer(opts: DevServerOptions): Promise<RunningDevServer> {
  if (await isPortOpen(opts.port)) {
    throw new Error(`TEMPORAL_PORT ${opts.port} is already in use: stop what runs there or choose another TEMPORAL_PORT`);
  }
  const cmd = devServerCommand(opts);
  const log = fs.openSync(cmd.logFile, 'a');
  const child = spawn(cmd.command, cmd.args, { stdio: ['ignore', log, log], detached: false });
  fs.closeSync(log);
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  try {
    await waitForPort(opts.port, 'the Temporal dev server', 60_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}${exited !== null ? ` (it exited with code ${exited}; see ${cmd.logFile})` : ''}`);
  }
  return { address: cmd.address, uiUrl: cmd.uiUrl, process: child, stop: () => stopChild(child) };
}

export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
