import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface LoginRow {
  id: string;
  username: string;
  role: string;
  unit_id: string | null;
  path: string | null;
  password_hash: string;
}

/** The accounts as sign-in sees them. */
@Injectable()
export class AuthRepository {
  constructor(private readonly ds: DataSource) {}

  async findForLogin(username: string): Promise<LoginRow | undefined> {
    const rows: LoginRow[] = await this.ds.query(
      `SELECT u.id, u.username, u.role, u.unit_id, un.path, u.password_hash FROM users u LEFT JOIN units un ON un.id = u.unit_id WHERE u.username = $1`,
      [username],
    );
    return rows[0];
  }

  /** The `admin` account, created once; an existing one is left as it is. */
  async ensureAdmin(passwordHash: string): Promise<void> {
    await this.ds.query(
      `INSERT INTO users (username, display_name, password_hash, role) VALUES ('admin', 'Administrator', $1, 'admin') ON CONFLICT (username) DO NOTHING`,
      [passwordHash],
    );
  }
}
