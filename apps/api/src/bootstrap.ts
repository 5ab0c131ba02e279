import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/config/src';
import { hashPassword } from './modules/auth/auth.service';

/** The `admin` account exists from the first start; its password comes from ADMIN_PASSWORD. */
export async function ensureAdmin(ds: DataSource, config: AppConfig): Promise<void> {
  await ds.query(
    `INSERT INTO users (username, display_name, password_hash, role) VALUES ('admin', 'Administrator', $1, 'admin') ON CONFLICT (username) DO NOTHING`,
    [await hashPassword(config.auth.adminPassword)],
  );
}
