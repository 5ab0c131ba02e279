import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ProjectScopeRow {
  id: string;
  plan_id: string;
  lead_unit_path: string;
  owner_user_id: string;
  /** The paths of its co-units (配合单位). */
  co_unit_paths: string[];
}

/** What the access policy reads: a project's place in the unit tree and plan, a plan's coordinators. */
@Injectable()
export class AccessRepository {
  constructor(private readonly ds: DataSource) {}

  async project(projectId: string): Promise<ProjectScopeRow | undefined> {
    const [row] = await this.ds.query(
      `SELECT p.id, p.plan_id, p.lead_unit_path, p.owner_user_id,
         coalesce((SELECT array_agg(u.path) FROM project_co_units c JOIN units u ON u.id = c.unit_id WHERE c.project_id = p.id), '{}') AS co_unit_paths
       FROM projects p WHERE p.id = $1`,
      [projectId],
    );
    return row;
  }

  async planExists(planId: string): Promise<boolean> {
    return (await this.ds.query('SELECT 1 FROM plans WHERE id = $1', [planId])).length > 0;
  }

  async coordinates(userId: string, planId: string): Promise<boolean> {
    return (await this.ds.query('SELECT 1 FROM plans WHERE id = $1 AND $2 = ANY(coordinator_ids)', [planId, userId])).length > 0;
  }

  async planHasProjectUnder(planId: string, unitPath: string): Promise<boolean> {
    return (await this.ds.query('SELECT 1 FROM projects WHERE plan_id = $1 AND lead_unit_path LIKE $2 LIMIT 1', [planId, `${unitPath}%`])).length > 0;
  }

  /** Of these projects and rectification items, the ids of those in the unit subtree. */
  async ownedUnder(projectIds: string[], rectificationIds: string[], unitPath: string): Promise<Set<string>> {
    const rows: Array<{ id: string }> = [
      ...(projectIds.length ? await this.ds.query('SELECT id FROM projects WHERE id = ANY($1) AND lead_unit_path LIKE $2', [projectIds, `${unitPath}%`]) : []),
      ...(rectificationIds.length
        ? await this.ds.query('SELECT r.id FROM rectifications r JOIN units u ON u.id = r.unit_id WHERE r.id = ANY($1) AND u.path LIKE $2', [rectificationIds, `${unitPath}%`])
        : []),
    ];
    return new Set(rows.map((r) => r.id));
  }
}
