import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where the API keeps its generated token-signing secret when JWT_SECRET is not set. */
export const jwtSecretPath = (dataDir: string) => path.join(dataDir, 'secrets', 'jwt-secret');

/**
 * JWT_SECRET when given; otherwise a random 256-bit secret made on the first start and kept in
 * DATA_DIR/secrets/jwt-secret (directory 0700, file 0600), so tokens survive a restart and nobody can
 * compute the secret from the setup. Several API processes sharing DATA_DIR agree: the file is created once
 * (exclusive create) and read by everyone after.
 */
export function tokenSigningSecret(config: { dataDir: string; auth: { jwtSecret?: string } }): string {
  if (config.auth.jwtSecret) return config.auth.jwtSecret;
  const file = jwtSecretPath(config.dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (!fs.existsSync(file)) {
    // Written whole under another name, then linked into place: a second process sees all of it or nothing.
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(draft, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.unlinkSync(draft);
    }
  }
  // Tighten what a copy or an editor may have loosened; the secret is readable by the owner only.
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${file} holds no usable secret: delete it to have a new one made (every token becomes invalid)`);
  return secret;
}
