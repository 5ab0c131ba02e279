import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts that can be signed out and locked: a token version per user (a token names its user and version,
 * bumping it signs out everywhere), revoked tokens (logout of one token), a forced password change, and the
 * audit of sign-in attempts from which lockouts are counted.
 */
export class AccountSecurity1795442400503 implements MigrationInterface {
  name = 'AccountSecurity1795442400503';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN token_version int NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE users ADD COLUMN password_changed_at timestamptz`);
    await q.query(`CREATE TABLE revoked_tokens (
      jti text PRIMARY KEY,
      user_id uuid NOT NULL,
      expires_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX ix_revoked_tokens_expiry ON revoked_tokens (expires_at)`);
    await q.query(`CREATE TABLE login_attempts (
      id bigserial PRIMARY KEY,
      username text NOT NULL,
      address text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('success','wrong_password','unknown_user','locked','throttled')),
      at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX ix_login_attempts_user ON login_attempts (username, at)`);
    await q.query(`CREATE INDEX ix_login_attempts_address ON login_attempts (address, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_attempts`);
    await q.query(`DROP TABLE revoked_tokens`);
    await q.query(`ALTER TABLE users DROP COLUMN password_changed_at`);
    await q.query(`ALTER TABLE users DROP COLUMN must_change_password`);
    await q.query(`ALTER TABLE users DROP COLUMN token_version`);
  }
}
