import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface LoginRow {
  id: string;
  token_version: number;
  must_change_password: boolean;
  password_hash: string;
}

export type LoginOutcome = 'success' | 'wrong_password' | 'unknown_user' | 'locked' | 'throttled';

type Queryable = Pick<EntityManager, 'query'>;

/** The accounts as sign-in sees them, the audit of sign-in attempts, and revoked tokens. */
@Injectable()
export class AuthRepository {
  constructor(private readonly ds: DataSource) {}

  /** Runs `work` in one transaction holding a lock on the username, so parallel attempts are counted one after another. */
  lockedForLogin<T>(username: string, work: (m: Queryable) => Promise<T>): Promise<T> {
    return this.ds.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`login:${username}`]);
      return work(m);
    });
  }

  /** Failed sign-ins from an address since `since`, and the last of them. */
  async failuresFromAddress(q: Queryable, address: string, since: Date): Promise<{ n: number; last: Date | null }> {
    const [row] = await q.query(
      `SELECT count(*)::int AS n, max(at) AS last FROM login_attempts WHERE address = $1 AND at > $2 AND outcome IN ('wrong_password','unknown_user')`,
      [address, since],
    );
    return row;
  }

  /** Failed sign-ins of an account since `since` and since its last success, and the last of them. */
  async failuresOfAccount(q: Queryable, username: string, since: Date): Promise<{ n: number; last: Date | null }> {
    const [row] = await q.query(
      `SELECT count(*)::int AS n, max(at) AS last FROM login_attempts
        WHERE username = $1 AND at > $2 AND outcome IN ('wrong_password','unknown_user')
          AND at > coalesce((SELECT max(at) FROM login_attempts WHERE username = $1 AND outcome = 'success'), '-infinity')`,
      [username, since],
    );
    return row;
  }

  async findForLogin(q: Queryable, username: string): Promise<LoginRow | undefined> {
    const rows: LoginRow[] = await q.query('SELECT id, token_version, must_change_password, password_hash FROM users WHERE username = $1', [username]);
    return rows[0];
  }

  async audit(q: Queryable | undefined, username: string, address: string, outcome: LoginOutcome): Promise<void> {
    await (q ?? this.ds).query('INSERT INTO login_attempts (username, address, outcome) VALUES ($1, $2, $3)', [username.slice(0, 200), address, outcome]);
  }

  async passwordHash(userId: string): Promise<string | undefined> {
    const [row] = await this.ds.query('SELECT password_hash FROM users WHERE id = $1', [userId]);
    return row?.password_hash;
  }

  /** Sets a new password, ends the forced change and every token signed before; returns the new token version. */
  async setPassword(userId: string, passwordHash: string): Promise<number> {
    const [[row]] = await this.ds.query(
      `UPDATE users SET password_hash = $2, must_change_password = false, password_changed_at = now(), token_version = token_version + 1
        WHERE id = $1 RETURNING token_version`,
      [userId, passwordHash],
    );
    return row.token_version;
  }

  async revokeToken(jti: string, userId: string, expiresAt: Date): Promise<void> {
    await this.ds.query('INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (jti) DO NOTHING', [jti, userId, expiresAt]);
    await this.ds.query('DELETE FROM revoked_tokens WHERE expires_at < now()');
  }

  async bumpTokenVersion(userId: string): Promise<void> {
    await this.ds.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [userId]);
  }

  /** The `admin` account, created once; an existing one is left as it is. */
  async ensureAdmin(passwordHash: string, mustChangePassword: boolean): Promise<void> {
    await this.ds.query(
      `INSERT INTO users (username, display_name, password_hash, role, must_change_password) VALUES ('admin', 'Administrator', $1, 'admin', $2)
       ON CONFLICT (username) DO NOTHING`,
      [passwordHash, mustChangePassword],
    );
  }
}
