import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Page } from '../../common/dto';
import { paged, where, Where } from '../../common/query';
import type { ListCircularsQueryDto } from './circulars.dto';

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

  async get(id: string): Promise<Record<string, any> | undefined> {
    const [c] = await this.ds.query(
      `SELECT c.*, u.name AS issuer_unit, p.time_zone FROM circulars c JOIN plans p ON p.id = c.plan_id LEFT JOIN units u ON u.id = p.owner_unit_id WHERE c.id = $1`,
      [id],
    );
    return c;
  }
}
