import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../../libs/embedded/src/net';
import { call, launch, launcherEnv, repoDir } from '../helpers/launcher';

/**
 * A checkout inside a folder other users cannot enter (chmod 700, like /root or `mktemp -d`): run
 * as root, PostgreSQL runs as the `postgres` user, who can reach neither the binaries in
 * node_modules nor DATA_DIR there. `npm start` and the e2e set-up must still work.
 */
describe('a checkout inside a private (chmod 700) folder', () => {
  const outer = fs.mkdtempSync(path.join(os.tmpdir(), 'supervision-private-'));
  const clone = path.join(outer, 'checkout');
  const isRoot = process.getuid?.() === 0;
  const cleanup: string[] = [];

  beforeAll(() => {
    fs.chmodSync(outer, 0o700);
    fs.mkdirSync(clone);
    // The sources and the build as they are (timestamps kept, so `npm start` does not rebuild) …
    for (const entry of ['apps', 'libs', 'workflows', 'activities', 'scripts', 'test', 'dist', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', '.swcrc']) {
      if (fs.existsSync(path.join(repoDir, entry))) fs.cpSync(path.join(repoDir, entry), path.join(clone, entry), { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
    }
    // … the installed packages and tools reused through links, seen by the server's user only through the private path.
    // tools/ itself is the clone's own (install-tools.sh writes its paths.env there), its contents linked.
    const tools = fs.realpathSync(path.join(repoDir, 'tools'));
    fs.mkdirSync(path.join(clone, 'tools'));
    for (const entry of fs.readdirSync(tools)) if (!entry.endsWith('.env')) fs.symlinkSync(path.join(tools, entry), path.join(clone, 'tools', entry));
    fs.mkdirSync(path.join(clone, 'node_modules'));
    for (const entry of fs.readdirSync(path.join(repoDir, 'node_modules'))) {
      if (entry !== '.install-stamp') fs.symlinkSync(fs.realpathSync(path.join(repoDir, 'node_modules', entry)), path.join(clone, 'node_modules', entry));
    }
    fs.writeFileSync(path.join(clone, 'node_modules', '.install-stamp'), '');
  });
  afterAll(() => {
    for (const dir of [outer, ...cleanup]) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('npm start comes up (health OK) with its data in the checkout, and Ctrl-C stops it cleanly', async () => {
    // DATA_DIR empty: the default, ./data inside the private checkout.
    const env = await launcherEnv('', { LOG_LEVEL: 'info' });
    const stack = await launch(env, { cwd: clone, command: ['npm', 'start'] });
    try {
      const health = await call(`http://127.0.0.1:${env.API_PORT}`, 'GET', '/health');
      expect(health.status).toBe(200);
      expect(stack.output()).not.toMatch(/EACCES|\n\s+at /);
      const notes = stack.events().filter((e) => e.process === 'postgres' && e.level === 40).map((e) => e.msg as string);
      if (isRoot) {
        // Said once, plainly, where PostgreSQL's files went instead.
        expect(notes.join('\n')).toMatch(/cannot enter; PostgreSQL keeps its data in (\S+) instead/);
        const moved = /keeps its data in (\S+) instead/.exec(notes.join('\n'))![1];
        cleanup.push(moved);
        expect(fs.existsSync(path.join(moved, 'postgres', 'PG_VERSION'))).toBe(true);
        expect(fs.existsSync(path.join(moved, 'pg-bin', 'bin', 'postgres'))).toBe(true);
      }
    } finally {
      // npm itself ends on the SIGINT as in a terminal; the launcher under it exits 0 after its last line.
      const stopped = await stack.interrupt();
      expect(stopped.code === 0 || stopped.signal === 'SIGINT').toBe(true);
      // Its closing line is there (under heavy load the log's own pipe writes may land around it).
      expect(stack.output()).toMatch(/^stopped; data kept in .+ \(\d+\.\d s\)$/m);
    }
  }, 300_000);

  it('the e2e set-up starts its PostgreSQL from there too', async () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'supervision-private-e2e-'));
    cleanup.push(data);
    fs.chmodSync(data, 0o755);
    const script = `
      const { startEmbeddedPostgres } = require('./dist/libs/embedded/src');
      const { Client } = require('pg');
      (async () => {
        const pg = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(data)}, port: ${await freePort()}, database: 'postgres' });
        const c = new Client({ connectionString: pg.url });
        await c.connect();
        const r = await c.query('SELECT current_user AS u');
        await c.end();
        await pg.stop();
        console.log('answered as ' + r.rows[0].u);
      })().catch((e) => { console.error(e.message); process.exit(1); });`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: clone, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('answered as supervision');
    if (isRoot) expect(fs.existsSync(path.join(data, 'pg-bin', 'bin', 'postgres'))).toBe(true);
  }, 180_000);
});
