import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Page } from './dto';

/** A condition with named parameters (`:name`), for TypeORM's query builder. */
export interface Where {
  sql: string;
  params?: ObjectLiteral;
}

export const EVERYTHING: Where = { sql: 'TRUE' };

/** Adds each condition given (skipping absent ones) with AND. */
export function where<Q extends SelectQueryBuilder<ObjectLiteral>>(qb: Q, conditions: Array<Where | undefined | false>): Q {
  for (const c of conditions) if (c) qb.andWhere(c.sql, c.params);
  return qb;
}

/** Escapes LIKE's wildcards so that user text matches itself. */
export const likeText = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One page of rows (the query's order) and the total count of rows matching it, mapped through view. */
export async function paged<T, R = Record<string, any>>(
  qb: SelectQueryBuilder<ObjectLiteral>,
  page: { page: number; pageSize: number },
  view: (row: R) => T,
): Promise<Page<T>> {
  const counted = await qb.clone().select('count(*)::int', 'total').orderBy().getRawOne<{ total: number }>();
  const rows = await qb.clone().offset((page.page - 1) * page.pageSize).limit(page.pageSize).getRawMany<R>();
  return { items: rows.map(view), page: page.page, pageSize: page.pageSize, total: counted?.total ?? 0 };
}
