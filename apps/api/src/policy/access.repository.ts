import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ProjectScopeRow {
  id: string;
  plan_id: string;
  lead_unit_path: string;
  owner_user_id: string;
}

/** What the access policy reads: a project's place in the unit tree and plan, a plan's coordinators. */
@Injectable()
export class AccessRepository {
  constructor(private readonly ds: DataSource) {}

  async project(projectId: string): Promise<ProjectScopeRow | undefined> {
    const [row] = await this.ds.query('SELECT id, plan_id, lead_unit_path, owner_user_id FROM projects WHERE id = $1', [projectId]);
    return row;
  }

  async planExists(planId: string): Promise<boolean> {
    return (await this.ds.query('SELECT 1 FROM plans WHERE id = $1', [planId])).length > 0;
  }

  async coordinates(userId: string, planId: string): Promise<boolean> {
    return (await this.ds.query('SELECT 1 FROM plans WHERE id = $1 AND $2 = ANY(coordinator_ids)', [planId, userId])).length > 0;
  }
}
