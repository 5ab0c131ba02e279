import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jwtSecretPath, tokenSigningSecret } from './secret';

describe('token signing secret', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('is random, made on the first start, kept in DATA_DIR with mode 0600, and the same on the next start', () => {
    const dir = dataDir();
    const first = tokenSigningSecret({ dataDir: dir, auth: {} });
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fs.statSync(jwtSecretPath(dir)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(jwtSecretPath(dir))).mode & 0o777).toBe(0o700);
    expect(tokenSigningSecret({ dataDir: dir, auth: {} })).toBe(first);
    // Another data directory gets another secret: nothing about it can be computed from the setup.
    expect(tokenSigningSecret({ dataDir: dataDir(), auth: {} })).not.toBe(first);
    expect(first).not.toContain(dir);
  });

  it('tightens a secret file others can read, and uses JWT_SECRET when it is set', () => {
    const dir = dataDir();
    tokenSigningSecret({ dataDir: dir, auth: {} });
    fs.chmodSync(jwtSecretPath(dir), 0o644);
    tokenSigningSecret({ dataDir: dir, auth: {} });
    expect(fs.statSync(jwtSecretPath(dir)).mode & 0o777).toBe(0o600);
    expect(tokenSigningSecret({ dataDir: dir, auth: { jwtSecret: 'given-secret-given-secret' } })).toBe('given-secret-given-secret');
  });
});
