import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { freePort } from '../../libs/embedded/src/net';

const root = path.resolve(__dirname, '../..');

/** Runs a built entry point with the given environment and returns what a person starting it would see. */
function run(entry: string, env: Record<string, string>) {
  const res = spawnSync(process.execPath, [path.join(root, 'dist', entry)], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', DATA_DIR: process.env.E2E_DATA_DIR, TEMPORAL_CONNECT_TIMEOUT: 'PT3S', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: res.status, stderr: res.stderr.trim(), stdout: res.stdout.trim() };
}

describe('start-up refuses a broken configuration with one clear line', () => {
  it.each(['apps/api/src/main.js', 'apps/worker/src/main.js'])('%s: a wrong DATABASE_URL names the setting', async (entry) => {
    const port = await freePort();
    const res = run(entry, { DATABASE_URL: `postgresql://nobody:secret@127.0.0.1:${port}/nowhere`, TEMPORAL_ADDRESS: process.env.E2E_TEMPORAL_ADDRESS! });
    expect(res.code).toBe(1);
    expect(res.stderr.split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('DATABASE_URL=postgresql://nobody:***@127.0.0.1');
    expect(res.stderr).not.toContain('secret');
  });

  it.each(['apps/api/src/main.js', 'apps/worker/src/main.js'])('%s: an unreachable Temporal names TEMPORAL_ADDRESS', async (entry) => {
    const port = await freePort();
    const dbUrl = new URL(process.env.E2E_DATABASE_URL!);
    const res = run(entry, { DATABASE_URL: dbUrl.toString(), TEMPORAL_ADDRESS: `127.0.0.1:${port}` });
    expect(res.code).toBe(1);
    expect(res.stderr.split('\n')).toHaveLength(1);
    expect(res.stderr).toContain(`Cannot reach Temporal at TEMPORAL_ADDRESS=127.0.0.1:${port}`);
  });

  it('an invalid setting is named before anything starts', () => {
    const res = run('apps/api/src/main.js', { API_PORT: 'eighty', DATABASE_URL: 'mysql://x/y' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('API_PORT');
    expect(res.stderr).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
  });
});
