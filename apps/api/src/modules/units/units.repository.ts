import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

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

  async page(under: string | undefined, page: number, pageSize: number): Promise<{ rows: Array<Record<string, any>>; total: number }> {
    const params: unknown[] = [];
    let where = 'TRUE';
    if (under) {
      params.push(under);
      where = `path LIKE (SELECT path FROM units WHERE id = $1) || '%'`;
    }
    const rows = await this.ds.query(`SELECT * FROM units WHERE ${where} ORDER BY path LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, pageSize, (page - 1) * pageSize]);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM units WHERE ${where}`, params);
    return { rows, total };
  }
}
