import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { where, Where } from '../../common/query';

/** Conditions on projects (alias p), joined with AND; absent ones are skipped. */
export type ProjectFilter = Array<Where | undefined | false>;

/** The dashboard's aggregates over the project read model. */
@Injectable()
export class DashboardRepository {
  constructor(private readonly ds: DataSource) {}

  private projects(f: ProjectFilter) {
    return where(this.ds.createQueryBuilder().from('projects', 'p'), f);
  }

  countsByStatus(f: ProjectFilter): Promise<Array<{ status: string; n: number }>> {
    return this.projects(f).select('p.status', 'status').addSelect('count(*)::int', 'n').groupBy('p.status').getRawMany();
  }

  ranking(f: ProjectFilter): Promise<Array<Record<string, unknown>>> {
    return this.projects(f)
      .innerJoin('units', 'u', 'u.id = p.lead_unit_id')
      .select('u.id', 'unitId')
      .addSelect('u.name', 'unitName')
      .addSelect('count(*)::int', 'projects')
      .addSelect(`count(*) FILTER (WHERE p.status = 'red')::int`, 'red')
      .addSelect(`count(*) FILTER (WHERE p.status = 'yellow')::int`, 'yellow')
      .addSelect(`count(*) FILTER (WHERE p.status IN ('green','done'))::int`, 'onTrack')
      .addSelect(`round(count(*) FILTER (WHERE p.status IN ('green','done'))::numeric / count(*), 4)::float`, 'onTrackRate')
      .andWhere(`p.status <> 'closed'`)
      .groupBy('u.id')
      .addGroupBy('u.name')
      .orderBy('"onTrackRate"', 'DESC')
      .addOrderBy('red', 'ASC')
      .addOrderBy('u.name')
      .limit(100)
      .getRawMany();
  }

  overdue(f: ProjectFilter): Promise<Array<Record<string, any>>> {
    return this.projects(f)
      .innerJoin('milestones', 'm', 'm.project_id = p.id')
      .innerJoin('units', 'u', 'u.id = p.lead_unit_id')
      .select('p.id', 'projectId')
      .addSelect('p.name', 'projectName')
      .addSelect('m.milestone_id', 'milestoneId')
      .addSelect('m.name', 'milestoneName')
      .addSelect('m.due_at', 'dueAt')
      .addSelect('m.escalation_level', 'escalationLevel')
      .addSelect('u.name', 'unitName')
      .andWhere(`m.overdue AND m.state <> 'accepted' AND p.status <> 'closed'`)
      .orderBy('m.due_at')
      .limit(200)
      .getRawMany();
  }
}
