import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Page } from '../../common/dto';
import { paged, where, Where } from '../../common/query';
import type { ListRectificationsQueryDto } from './rectifications.dto';

type Row = Record<string, any>;

/** Rectification items as the read model has them, with the name of the unit that must rectify. */
@Injectable()
export class RectificationsRepository {
  constructor(private readonly ds: DataSource) {}

  async get(id: string): Promise<Row | undefined> {
    const [r] = await this.ds.query(
      `SELECT r.*, u.name AS unit_name,
              (SELECT jsonb_object_agg(a.id, a.display_name) FROM users a
                WHERE a.id::text IN (SELECT h->>'actor' FROM jsonb_array_elements(coalesce(r.history, '[]'::jsonb)) h)) AS actor_names
         FROM rectifications r JOIN units u ON u.id = r.unit_id WHERE r.id = $1`,
      [id],
    );
    return r;
  }

  async plan(planId: string): Promise<{ time_zone: string; policy: Record<string, unknown> | null }> {
    const [plan] = await this.ds.query('SELECT time_zone, policy FROM plans WHERE id = $1', [planId]);
    return plan;
  }

  async unitExists(unitId: string): Promise<boolean> {
    return (await this.ds.query('SELECT 1 FROM units WHERE id = $1', [unitId])).length > 0;
  }

  /** Items within scope (a condition on r) matching the query's filters, soonest due first. */
  page<T>(scope: Where, q: ListRectificationsQueryDto, view: (row: Row) => T): Promise<Page<T>> {
    const qb = this.ds.createQueryBuilder().select('r.*').addSelect('u.name', 'unit_name').from('rectifications', 'r').innerJoin('units', 'u', 'u.id = r.unit_id');
    where(qb, [
      scope,
      q.planId !== undefined && { sql: 'r.plan_id = :planId', params: { planId: q.planId } },
      q.unitId !== undefined && { sql: 'r.unit_id = :unitId', params: { unitId: q.unitId } },
      q.state === 'open' && { sql: `r.state <> 'signed_off'` },
      q.state !== undefined && q.state !== 'open' && { sql: 'r.state = :state', params: { state: q.state } },
    ]).orderBy('r.due_at').addOrderBy('r.id');
    return paged(qb, q, view);
  }
}
