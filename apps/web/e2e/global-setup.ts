/**
 * Starts the whole stack the way `npm start` does (launcher, embedded PostgreSQL, Temporal dev server,
 * worker, API serving the built UI) on free ports with its own data folder and no demo data; checks that
 * the committed API schema matches the running API's OpenAPI document; creates the organisation
 * through the API. Returns the teardown.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { STATE_FILE, type Org } from './fixtures';

const root = path.resolve(import.meta.dirname, '../../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function call<T>(base: string, method: string, url: string, token: string | undefined, body?: unknown): Promise<T> {
  const res = await fetch(base + url, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export default async function globalSetup() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'supervision-web-'));
  fs.chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as "postgres", who must enter it
  const adminPassword = 'web-e2e-admin-password';
  const env = {
    ...process.env,
    DATA_DIR: dataDir, DEMO_DATA: 'false', LOG_LEVEL: 'warn', ADMIN_PASSWORD: adminPassword,
    API_PORT: String(await freePort()), POSTGRES_PORT: String(await freePort()), TEMPORAL_PORT: String(await freePort()), TEMPORAL_UI_PORT: String(await freePort()),
  };
  const child = spawn(process.execPath, [path.join(root, 'dist/apps/stack/src/main.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the stack did not start in 180 s:\n${out}`)), 180_000);
    const check = () => {
      if (out.includes('Press Ctrl-C to stop.')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`the stack exited with ${code}:\n${out}`)));
  });
  const base = `http://127.0.0.1:${env.API_PORT}`;
  const teardown = async () => {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
    });
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // The committed client types must match the running API: a change that breaks the UI breaks here, not for a user.
    const doc = await (await fetch(`${base}/api/docs-json`)).text();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-'));
    fs.writeFileSync(path.join(tmp, 'openapi.json'), doc);
    execFileSync(process.execPath, [path.join(import.meta.dirname, '../node_modules/openapi-typescript/bin/cli.js'), path.join(tmp, 'openapi.json'), '-o', path.join(tmp, 'schema.d.ts')], { stdio: 'pipe' });
    const fresh = fs.readFileSync(path.join(tmp, 'schema.d.ts'), 'utf8');
    const committed = fs.readFileSync(path.join(import.meta.dirname, '../src/api/schema.d.ts'), 'utf8');
    if (fresh !== committed) {
      fs.writeFileSync(path.join(import.meta.dirname, '../openapi.json'), doc);
      throw new Error('src/api/schema.d.ts is stale: the API changed. Run `npm run api:generate` in apps/web (openapi.json written) and commit the result.');
    }

    const index = await fetch(`${base}/projects/anything`);
    if (!(await index.text()).includes('<div id="root">')) throw new Error('the API does not serve the web UI at / (is apps/web/dist built?)');

    const admin = (await call<{ accessToken: string }>(base, 'POST', '/api/auth/login', undefined, { username: 'admin', password: adminPassword })).accessToken;
    const unit = async (code: string, name: string, type: string, parentId?: string) => (await call<{ id: string }>(base, 'POST', '/api/units', admin, { code, name, type, parentId })).id;
    const password = 'web-e2e-pass-123';
    const user = async (username: string, displayName: string, role: string, unitId?: string, isUnitHead?: boolean) =>
      (await call<{ id: string }>(base, 'POST', '/api/users', admin, { username, displayName, password, role, unitId, isUnitHead })).id;
    const cityId = await unit('city', '郑州市教育局', 'bureau');
    const districtId = await unit('zhongmou', '中牟县教育局', 'county', cityId);
    const otherDistrictId = await unit('jinshui', '金水区教育局', 'district', cityId);
    const org: Org = {
      base, adminPassword, password, cityId, districtId, otherDistrictId,
      coordinatorId: await user('coordinator', '市督办办公室', 'coordinator', cityId),
      leaderId: await user('leader', '领导小组组长', 'leader', cityId),
      ownerId: await user('owner', '中牟县责任人', 'owner', districtId),
      headId: await user('head', '中牟县教育局局长', 'owner', districtId, true),
      otherOwnerId: await user('other-owner', '金水区责任人', 'owner', otherDistrictId),
    };
    fs.mkdirSync(path.dirname(STATE_FILE), { recursive: true });
    fs.writeFileSync(STATE_FILE, JSON.stringify(org, null, 2));
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}
