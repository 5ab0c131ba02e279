import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A condition on projects (alias p) with its parameters, numbered from $1. */
export interface ProjectFilter {
  sql: string;
  params: unknown[];
}

/** The dashboard's aggregates over the project read model. */
@Injectable()
export class DashboardRepository {
  constructor(private readonly ds: DataSource) {}

  countsByStatus(f: ProjectFilter): Promise<Array<{ status: string; n: number }>> {
    return this.ds.query(`SELECT p.status, count(*)::int AS n FROM projects p WHERE ${f.sql} GROUP BY p.status`, f.params);
  }

  ranking(f: ProjectFilter) {
    return this.ds.query(
      `SELECT u.id AS "unitId", u.name AS "unitName", count(*)::int AS projects,
              count(*) FILTER (WHERE p.status = 'red')::int AS red, count(*) FILTER (WHERE p.status = 'yellow')::int AS yellow,
              count(*) FILTER (WHERE p.status IN ('green','done'))::int AS "onTrack",
              round(count(*) FILTER (WHERE p.status IN ('green','done'))::numeric / count(*), 4)::float AS "onTrackRate"
       FROM projects p JOIN units u ON u.id = p.lead_unit_id WHERE ${f.sql} AND p.status <> 'closed'
       GROUP BY u.id, u.name ORDER BY "onTrackRate" DESC, red ASC, u.name LIMIT 100`,
      f.params,
    );
  }

  overdue(f: ProjectFilter): Promise<Array<Record<string, any>>> {
    return this.ds.query(
      `SELECT p.id AS "projectId", p.name AS "projectName", m.milestone_id AS "milestoneId", m.name AS "milestoneName", m.due_at AS "dueAt",
              m.escalation_level AS "escalationLevel", u.name AS "unitName"
       FROM milestones m JOIN projects p ON p.id = m.project_id JOIN units u ON u.id = p.lead_unit_id
       WHERE ${f.sql} AND m.overdue AND m.state <> 'accepted' AND p.status <> 'closed' ORDER BY m.due_at LIMIT 200`,
      f.params,
    );
  }
}
