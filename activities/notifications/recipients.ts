import { DataSource } from 'typeorm';
import type { Audience } from '../../libs/domain/src/deadline';

/** Whom a notice is about: a plan and a unit, and who its owners are (a project's owner, or a unit's owner accounts). */
export interface NoticeScope {
  planId: string;
  unitId: string;
  owners: () => Promise<string[]>;
}

export const userIds = async (ds: DataSource, sql: string, params: unknown[]): Promise<string[]> =>
  ((await ds.query(sql, params)) as Array<{ id: string }>).map((r) => r.id);

/** The users an audience means: the owners, the unit's head (一把手), the plan's coordinators (the office), the leaders. */
export async function recipientsOf(ds: DataSource, audience: Audience, scope: NoticeScope): Promise<string[]> {
  switch (audience) {
    case 'owner':
      return scope.owners();
    case 'unitHead':
      return userIds(ds, `SELECT id FROM users WHERE unit_id = $1 AND is_unit_head`, [scope.unitId]);
    case 'office': {
      const coordinators = await userIds(ds, `SELECT unnest(coordinator_ids) AS id FROM plans WHERE id = $1`, [scope.planId]);
      return coordinators.length ? coordinators : userIds(ds, `SELECT id FROM users WHERE role = 'coordinator'`, []);
    }
    case 'leader':
      return userIds(ds, `SELECT id FROM users WHERE role = 'leader'`, []);
  }
}

/**
 * The co-units' (配合单位) people a project notice also reaches: their owner accounts when the notice is for the
 * owner, their heads when it is for the unit's head. The lead unit keeps reporting; co-units are kept informed.
 */
export async function coUnitRecipients(ds: DataSource, projectId: string, audience: readonly Audience[]): Promise<string[]> {
  const owners = audience.includes('owner');
  const heads = audience.includes('unitHead');
  if (!owners && !heads) return [];
  return userIds(
    ds,
    `SELECT u.id FROM users u JOIN project_co_units c ON c.unit_id = u.unit_id
     WHERE c.project_id = $1 AND ((u.role = 'owner' AND $2) OR (u.is_unit_head AND $3)) ORDER BY u.id`,
    [projectId, owners, heads],
  );
}
