import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launch, Launched, launcherEnv } from '../helpers/launcher';

/** Ctrl-C on an idle stack: exit 0 within STOP_BOUND_S (default 10 s), its last line printed, no refused connection logged. */
async function expectCleanStop(stack: Launched): Promise<void> {
  const bound = Number(process.env.STOP_BOUND_S ?? 10) * 1000;
  const { code, ms } = await stack.interrupt();
  expect(code).toBe(0);
  expect(ms).toBeLessThan(bound);
  const out = stack.output();
  expect(out).toMatch(/^stopped; data kept in .+ \(\d+\.\d s\)$/m);
  expect(out).not.toContain('ECONNREFUSED');
  const stopped = stack.events().filter((e) => / stopped$/.test(e.msg)).map((e) => e.process);
  expect(stopped.slice(-4)).toEqual(['api', 'worker', 'temporal', 'postgres']);
}

describe('npm start: the whole stack on embedded defaults', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'supervision-stack-'));
  let env: Record<string, string>;

  beforeAll(async () => {
    fs.chmodSync(dataDir, 0o755);
    env = await launcherEnv(dataDir, { LOG_LEVEL: 'info' });
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('prints its URLs, stops cleanly on Ctrl-C (API, worker, Temporal, PostgreSQL, within the bound), and keeps a project across a restart', async () => {
    const api = `http://127.0.0.1:${env.API_PORT}`;
    const call = async (method: string, url: string, body?: unknown, token?: string) => {
      const res = await fetch(api + url, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body ? JSON.stringify(body) : undefined });
      return { status: res.status, body: (await res.json()) as any };
    };
    const first = await launch(env);
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
    await expectCleanStop(first);

    const second = await launch(env);
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
      await expectCleanStop(second);
    }
  }, 240_000);
});
