import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Page } from '../../common/dto';
import { paged, where } from '../../common/query';

/** The unit tree: each unit's materialised path names all units above it. */
@Injectable()
export class UnitsRepository {
  constructor(private readonly ds: DataSource) {}

  async path(id: string): Promise<string | undefined> {
    const [row] = await this.ds.query('SELECT path FROM units WHERE id = $1', [id]);
    return row?.path;
  }

  /** The new unit's row, or undefined when the code is taken. */
  async insert(u: { id: string; code: string; name: string; type: string; parentId: string | null; path: string }): Promise<Record<string, any> | undefined> {
    const rows = await this.ds.query(
      `INSERT INTO units (id, code, name, type, parent_id, path) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO NOTHING RETURNING *`,
      [u.id, u.code, u.name, u.type, u.parentId, u.path],
    );
    return rows[0];
  }

  /** Units (of the subtree of `under`, when given) in tree order. */
  page<T>(under: string | undefined, page: { page: number; pageSize: number }, view: (row: Record<string, any>) => T): Promise<Page<T>> {
    const qb = this.ds.createQueryBuilder().select('*').from('units', 'units').orderBy('path');
    return paged(where(qb, [!!under && { sql: `path LIKE (SELECT path FROM units WHERE id = :under) || '%'`, params: { under } }]), page, view);
  }

  /** The accounts of the unit and of the units below it (with their unit's name), heads first; at most 500. */
  async accounts(unitPath: string, role: string | undefined): Promise<Array<Record<string, any>>> {
    return this.ds.query(
      `SELECT u.id, u.display_name, u.role, u.unit_id, un.name AS unit_name, u.is_unit_head FROM users u JOIN units un ON un.id = u.unit_id
       WHERE un.path LIKE $1 || '%' AND ($2::text IS NULL OR u.role = $2) ORDER BY un.path, u.is_unit_head DESC, u.display_name LIMIT 500`,
      [unitPath, role ?? null],
    );
  }
}
