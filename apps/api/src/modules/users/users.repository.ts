import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Page } from '../../common/dto';
import { paged, where } from '../../common/query';
import type { Role } from '../../../../../libs/persistence/src/entities/user.entity';

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  unitId: string | null;
  email: string | null;
  isUnitHead: boolean;
  locale: string | null;
}

/** User accounts. */
@Injectable()
export class UsersRepository {
  constructor(private readonly ds: DataSource) {}

  async unitExists(unitId: string): Promise<boolean> {
    return (await this.ds.query('SELECT 1 FROM units WHERE id = $1', [unitId])).length > 0;
  }

  /** The new account's row, or undefined when the username is taken. */
  async insert(u: NewUser): Promise<Record<string, any> | undefined> {
    const rows = await this.ds.query(
      `INSERT INTO users (username, display_name, password_hash, role, unit_id, email, is_unit_head, locale) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (username) DO NOTHING RETURNING *`,
      [u.username, u.displayName, u.passwordHash, u.role, u.unitId, u.email, u.isUnitHead, u.locale],
    );
    return rows[0];
  }

  /** The user's row with the new language; undefined when there is no such user. */
  async setLocale(id: string, locale: string | null): Promise<Record<string, any> | undefined> {
    const [rows] = await this.ds.query('UPDATE users SET locale = $2 WHERE id = $1 RETURNING *', [id, locale]);
    return rows[0];
  }

  /** Accounts (of one role, when given) by username. */
  page<T>(role: Role | undefined, page: { page: number; pageSize: number }, view: (row: Record<string, any>) => T): Promise<Page<T>> {
    const qb = this.ds.createQueryBuilder().select('*').from('users', 'users').orderBy('username');
    return paged(where(qb, [role !== undefined && { sql: 'role = :role', params: { role } }]), page, view);
  }

  async get(id: string): Promise<Record<string, any> | undefined> {
    const [u] = await this.ds.query('SELECT * FROM users WHERE id = $1', [id]);
    return u;
  }

  async update(id: string, u: { displayName: string; role: Role; unitId: string | null; email: string | null; isUnitHead: boolean }): Promise<Record<string, any>> {
    const [[row]] = await this.ds.query(
      'UPDATE users SET display_name = $2, role = $3, unit_id = $4, email = $5, is_unit_head = $6 WHERE id = $1 RETURNING *',
      [id, u.displayName, u.role, u.unitId, u.email, u.isUnitHead],
    );
    return row;
  }

  async coordinatesAPlan(id: string): Promise<boolean> {
    return (await this.ds.query('SELECT 1 FROM plans WHERE $1 = ANY(coordinator_ids) LIMIT 1', [id])).length > 0;
  }

  /** Deletes the user and its inbox; fails with a foreign-key violation when anything else refers to it. */
  async remove(id: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query('DELETE FROM notifications WHERE recipient_user_id = $1', [id]);
      await m.query('DELETE FROM users WHERE id = $1', [id]);
    });
  }
}
