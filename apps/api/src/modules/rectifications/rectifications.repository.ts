import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

type Row = Record<string, any>;

/** Conditions on rectifications r, joined with AND, parameters numbered from $1. */
export interface RectificationFilter {
  where: string[];
  params: unknown[];
}

/** Rectification items as the read model has them, with the name of the unit that must rectify. */
@Injectable()
export class RectificationsRepository {
  constructor(private readonly ds: DataSource) {}

  async get(id: string): Promise<Row | undefined> {
    const [r] = await this.ds.query('SELECT r.*, u.name AS unit_name FROM rectifications r JOIN units u ON u.id = r.unit_id WHERE r.id = $1', [id]);
    return r;
  }

  async plan(planId: string): Promise<{ time_zone: string; policy: Record<string, unknown> | null }> {
    const [plan] = await this.ds.query('SELECT time_zone, policy FROM plans WHERE id = $1', [planId]);
    return plan;
  }

  async unitExists(unitId: string): Promise<boolean> {
    return (await this.ds.query('SELECT 1 FROM units WHERE id = $1', [unitId])).length > 0;
  }

  async page(f: RectificationFilter, page: number, pageSize: number): Promise<{ rows: Row[]; total: number }> {
    const sql = f.where.length ? `WHERE ${f.where.join(' AND ')}` : '';
    const rows = await this.ds.query(
      `SELECT r.*, u.name AS unit_name FROM rectifications r JOIN units u ON u.id = r.unit_id ${sql} ORDER BY r.due_at, r.id LIMIT $${f.params.length + 1} OFFSET $${f.params.length + 2}`,
      [...f.params, pageSize, (page - 1) * pageSize],
    );
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM rectifications r ${sql}`, f.params);
    return { rows, total };
  }
}
