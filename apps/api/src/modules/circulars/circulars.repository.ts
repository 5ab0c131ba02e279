import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Issued circulars as stored: a summary row and the content of the document. */
@Injectable()
export class CircularsRepository {
  constructor(private readonly ds: DataSource) {}

  async page(planId: string | undefined, page: number, pageSize: number): Promise<{ rows: Array<Record<string, any>>; total: number }> {
    const where = planId ? 'WHERE plan_id = $1' : '';
    const params = planId ? [planId] : [];
    const rows = await this.ds.query(`SELECT * FROM circulars ${where} ORDER BY issued_at DESC, number DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [
      ...params, pageSize, (page - 1) * pageSize,
    ]);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM circulars ${where}`, params);
    return { rows, total };
  }

  async get(id: string): Promise<Record<string, any> | undefined> {
    const [c] = await this.ds.query('SELECT * FROM circulars WHERE id = $1', [id]);
    return c;
  }
}
