import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Page } from '../../common/dto';
import { paged, where, Where } from '../../common/query';

type Row = Record<string, any>;

export interface ScheduleRow {
  planId: string;
  scheduleId: string;
  spec: unknown;
  timeZone: string;
  reportingWindow: string;
  paused: boolean;
  updatedBy: string;
}

/** Dispatch schedules as the API recorded them, and the rounds with their projects. */
@Injectable()
export class DispatchRepository {
  constructor(private readonly ds: DataSource) {}

  async planTimeZone(planId: string): Promise<string> {
    const [plan] = await this.ds.query('SELECT time_zone FROM plans WHERE id = $1', [planId]);
    return plan.time_zone;
  }

  async putSchedule(s: ScheduleRow): Promise<void> {
    await this.ds.query(
      `INSERT INTO dispatch_schedules (plan_id, schedule_id, spec, time_zone, reporting_window, paused, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (plan_id) DO UPDATE SET spec = EXCLUDED.spec, time_zone = EXCLUDED.time_zone, reporting_window = EXCLUDED.reporting_window,
         paused = EXCLUDED.paused, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [s.planId, s.scheduleId, JSON.stringify(s.spec), s.timeZone, s.reportingWindow, s.paused, s.updatedBy],
    );
  }

  async schedule(planId: string): Promise<Row | undefined> {
    const [row] = await this.ds.query('SELECT * FROM dispatch_schedules WHERE plan_id = $1', [planId]);
    return row;
  }

  /** Whether a row was removed. */
  async deleteSchedule(planId: string): Promise<boolean> {
    const [, removed] = await this.ds.query('DELETE FROM dispatch_schedules WHERE plan_id = $1', [planId]);
    return !!removed;
  }

  /** The plan's rounds, newest first, with the number of the circular each issued. */
  rounds<T>(planId: string, page: { page: number; pageSize: number }, view: (row: Row) => T): Promise<Page<T>> {
    const qb = this.ds
      .createQueryBuilder()
      .select('d.*')
      .addSelect('c.number', 'circular_number')
      .from('dispatch_rounds', 'd')
      .leftJoin('circulars', 'c', 'c.id = d.circular_id')
      .where('d.plan_id = :planId', { planId })
      .orderBy('d.opened_at', 'DESC');
    return paged(qb, page, view);
  }

  async round(roundId: string): Promise<Row | undefined> {
    const [r] = await this.ds.query(`SELECT d.*, c.number AS circular_number FROM dispatch_rounds d LEFT JOIN circulars c ON c.id = d.circular_id WHERE d.id = $1`, [roundId]);
    return r;
  }

  /** The round's projects within scope (a condition on projects p), with the first report since the round opened. */
  roundProjects(roundId: string, scope: Where): Promise<Row[]> {
    const qb = this.ds
      .createQueryBuilder()
      .select('rp.*')
      .addSelect('p.name', 'project_name')
      .addSelect('u.name', 'unit_name')
      .addSelect('us.display_name', 'owner_name')
      .addSelect('(SELECT min(x.submitted_at) FROM reports x WHERE x.project_id = rp.project_id AND x.submitted_at >= d.opened_at)', 'live_report_at')
      .from('dispatch_round_projects', 'rp')
      .innerJoin('dispatch_rounds', 'd', 'd.id = rp.round_id')
      .innerJoin('projects', 'p', 'p.id = rp.project_id')
      .innerJoin('units', 'u', 'u.id = rp.unit_id')
      .innerJoin('users', 'us', 'us.id = rp.owner_user_id')
      .where('rp.round_id = :roundId', { roundId })
      .orderBy('u.path')
      .addOrderBy('p.name');
    return where(qb, [scope]).getRawMany();
  }
}
