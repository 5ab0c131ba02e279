import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller } from './auth';
import { ForbiddenError, NotFoundError } from './errors';

export interface ProjectScopeRow {
  id: string;
  plan_id: string;
  lead_unit_path: string;
  owner_user_id: string;
}

/** Who may see and change what: owners their unit's subtree, leaders read all, coordinators act on the plans they coordinate. */
@Injectable()
export class ScopeService {
  constructor(private readonly ds: DataSource) {}

  /** SQL condition (on alias p) and parameters limiting projects to what the caller may read. */
  projectReadFilter(caller: Caller, paramIndex: number): { sql: string; params: unknown[] } {
    if (caller.role === 'owner') return { sql: `p.lead_unit_path LIKE $${paramIndex}`, params: [`${caller.unitPath ?? '\u0000'}%`] };
    return { sql: 'TRUE', params: [] };
  }

  canRead(caller: Caller, p: Pick<ProjectScopeRow, 'lead_unit_path'>): boolean {
    return caller.role !== 'owner' || (!!caller.unitPath && p.lead_unit_path.startsWith(caller.unitPath));
  }

  /** The project as the caller may see it; 404 when out of scope so that existence does not leak. */
  async readableProject(caller: Caller, projectId: string): Promise<ProjectScopeRow> {
    const rows: ProjectScopeRow[] = await this.ds.query('SELECT id, plan_id, lead_unit_path, owner_user_id FROM projects WHERE id = $1', [projectId]);
    if (!rows.length || !this.canRead(caller, rows[0])) throw new NotFoundError(`No project ${projectId}`, 'projectId');
    return rows[0];
  }

  /** Owners write (report, ask for extensions) on projects in their subtree. */
  async ownerWritableProject(caller: Caller, projectId: string): Promise<ProjectScopeRow> {
    const p = await this.readableProject(caller, projectId);
    if (caller.role !== 'owner') throw new ForbiddenError('Only the project owner unit reports and asks for extensions');
    return p;
  }

  async coordinates(caller: Caller, planId: string): Promise<boolean> {
    if (caller.role !== 'coordinator') return false;
    const rows = await this.ds.query('SELECT 1 FROM plans WHERE id = $1 AND $2 = ANY(coordinator_ids)', [planId, caller.userId]);
    return rows.length > 0;
  }

  /** Coordinators decide (review, extensions, close, amend) on the plans they coordinate. */
  async coordinatorWritableProject(caller: Caller, projectId: string): Promise<ProjectScopeRow> {
    const p = await this.readableProject(caller, projectId);
    if (!(await this.coordinates(caller, p.plan_id))) throw new ForbiddenError('Only a coordinator of this plan may do this');
    return p;
  }

  async assertCoordinatesPlan(caller: Caller, planId: string): Promise<void> {
    const exists = await this.ds.query('SELECT 1 FROM plans WHERE id = $1', [planId]);
    if (!exists.length) throw new NotFoundError(`No plan ${planId}`, 'planId');
    if (!(await this.coordinates(caller, planId))) throw new ForbiddenError('Only a coordinator of this plan may do this');
  }
}
