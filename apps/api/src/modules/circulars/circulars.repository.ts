import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Page } from '../../common/dto';
import { paged, where, Where } from '../../common/query';
import type { ListCircularsQueryDto } from './circulars.dto';
import type { CircularContent } from '../../../../../activities/circulars/circular.content';

/** A circular row with its content, the issuing unit's name and the plan's time zone. */
export type StoredCircular = Record<string, any> & { plan_id: string; content: CircularContent; issuer_unit: string | null; time_zone: string };

/** Issued circulars as stored: a summary row and the content of the document. */
@Injectable()
export class CircularsRepository {
  constructor(private readonly ds: DataSource) {}

  /** Circulars within scope (a condition on the unaliased table), newest first. */
  page<T>(scope: Where, q: ListCircularsQueryDto, view: (row: Record<string, any>) => T): Promise<Page<T>> {
    const qb = this.ds.createQueryBuilder().select('*').from('circulars', 'circulars');
    where(qb, [scope, q.planId !== undefined && { sql: 'plan_id = :planId', params: { planId: q.planId } }]).orderBy('issued_at', 'DESC').addOrderBy('number', 'DESC');
    return paged(qb, q, view);
  }

  async get(id: string): Promise<StoredCircular | undefined> {
    const [c] = await this.ds.query(
      `SELECT c.*, u.name AS issuer_unit, p.time_zone FROM circulars c JOIN plans p ON p.id = c.plan_id LEFT JOIN units u ON u.id = p.owner_unit_id WHERE c.id = $1`,
      [id],
    );
    return c;
  }

  /** Circulars issued on demand (not by a round) for the plan in the last minute, and when the oldest of them was. */
  async onDemandInLastMinute(planId: string): Promise<{ n: number; oldest: Date | null }> {
    const [row] = await this.ds.query(
      `SELECT count(*)::int AS n, min(issued_at) AS oldest FROM circulars WHERE plan_id = $1 AND round_id IS NULL AND issued_at > now() - interval '1 minute'`,
      [planId],
    );
    return row;
  }
}
