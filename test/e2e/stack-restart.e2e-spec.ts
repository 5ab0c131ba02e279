import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../../libs/embedded/src/net';

const root = path.resolve(__dirname, '../..');

/** What `npm start` runs, on its own data folder and ports; resolves once it prints that it is running. */
function startStack(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [path.join(root, 'dist/apps/stack/src/main.js')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the stack did not start:\n${out}`)), 120_000);
    child.stdout!.on('data', () => {
      if (out.includes('Press Ctrl-C to stop.')) {
        clearTimeout(timer);
        resolve({ child, output: () => out });
      }
    });
    child.once('exit', (code) => reject(new Error(`the stack exited with ${code}:\n${out}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

describe('npm start: the whole stack on embedded defaults', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'supervision-stack-'));
  let env: Record<string, string>;

  beforeAll(async () => {
    fs.chmodSync(dataDir, 0o755);
    env = {
      DATA_DIR: dataDir, DEMO_DATA: 'false', LOG_LEVEL: 'warn', ADMIN_PASSWORD: 'stack-admin-password',
      API_PORT: String(await freePort()), POSTGRES_PORT: String(await freePort()), TEMPORAL_PORT: String(await freePort()), TEMPORAL_UI_PORT: String(await freePort()),
    };
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('prints its URLs, stops cleanly on Ctrl-C, and keeps a project across a restart', async () => {
    const api = `http://127.0.0.1:${env.API_PORT}`;
    const call = async (method: string, url: string, body?: unknown, token?: string) => {
      const res = await fetch(api + url, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body ? JSON.stringify(body) : undefined });
      return { status: res.status, body: (await res.json()) as any };
    };
    const first = await startStack(env);
    expect(first.output()).toContain(`API            http://localhost:${env.API_PORT}/api`);
    expect(first.output()).toContain(`Temporal UI    http://localhost:${env.TEMPORAL_UI_PORT}`);
    const admin = (await call('POST', '/api/auth/login', { username: 'admin', password: 'stack-admin-password' })).body.accessToken;
    const unit = (await call('POST', '/api/units', { code: 'zm', name: '中牟县教育局', type: 'county' }, admin)).body;
    await call('POST', '/api/users', { username: 'coord', displayName: 'C', password: 'password-123', role: 'coordinator' }, admin);
    const owner = (await call('POST', '/api/users', { username: 'owner', displayName: 'O', password: 'password-123', role: 'owner', unitId: unit.id }, admin)).body;
    const coordinator = (await call('POST', '/api/auth/login', { username: 'coord', password: 'password-123' })).body.accessToken;
    const plan = (await call('POST', '/api/plans', { name: 'plan', year: 2027 }, coordinator)).body;
    const created = await call('POST', '/api/projects', { kind: 'generic', planId: plan.id, name: '出台实施意见', leadUnitId: unit.id, ownerUserId: owner.id, startDate: '2027-01-01', dueDate: '2027-06-30' }, coordinator);
    expect(created.status).toBe(201);
    expect(await stop(first.child)).toBe(0);

    const second = await startStack(env);
    try {
      const again = (await call('POST', '/api/auth/login', { username: 'coord', password: 'password-123' })).body.accessToken;
      const got = await call('GET', `/api/projects/${created.body.id}`, undefined, again);
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({ name: '出台实施意见', status: 'green' });
      // The workflow survived too: it still takes an action.
      const ownerToken = (await call('POST', '/api/auth/login', { username: 'owner', password: 'password-123' })).body.accessToken;
      const report = await call('POST', `/api/projects/${created.body.id}/reports`, { milestoneId: 'completion', narrative: 'drafted' }, ownerToken);
      expect(report.status).toBe(201);
      expect(report.body.project.milestones[0].state).toBe('submitted');
    } finally {
      expect(await stop(second.child)).toBe(0);
    }
  }, 240_000);
});
