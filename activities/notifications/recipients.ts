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
