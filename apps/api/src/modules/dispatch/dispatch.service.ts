import { Injectable } from '@nestjs/common';
import type { ScheduleSpec } from '@temporalio/client';
import { IANAZone } from 'luxon';
import { DataSource } from 'typeorm';
import { isIsoDuration, nominalMillis } from '../../../../../libs/domain/src/duration';
import { Caller } from '../../common/auth';
import { InvalidInputError, NotFoundError } from '../../common/errors';
import { IdempotencyService } from '../../common/idempotency';
import { ScopeService } from '../../common/scope';
import { DispatchCalendarDto, DispatchScheduleDto, ListDeliveriesQueryDto, StartRoundDto } from './dispatch.dto';
import { DispatchGateway } from './dispatch.gateway';

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'] as const;
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** The Temporal spec of a dispatch schedule: one calendar rule or one cron expression, in one time zone. */
export function scheduleSpec(dto: { calendar?: DispatchCalendarDto; cron?: string }, timeZone: string): ScheduleSpec {
  if (dto.cron !== undefined) {
    if (/^\s*(CRON_)?TZ=/.test(dto.cron)) throw new InvalidInputError('cron: give the time zone in timeZone, not in the expression', [{ field: 'cron', message: 'no TZ= prefix' }]);
    return { cronExpressions: [dto.cron.trim()], timezone: timeZone };
  }
  const c = dto.calendar!;
  if (c.months && c.monthEvery) throw new InvalidInputError('calendar: give months or monthEvery, not both', [{ field: 'calendar.monthEvery', message: 'months is given too' }]);
  const month = c.months
    ? [...new Set(c.months)].sort((a, b) => a - b).map((m) => MONTHS[m - 1])
    : c.monthEvery
      ? { start: MONTHS[0], end: MONTHS[11], step: c.monthEvery }
      : ('*' as const);
  return {
    calendars: [{ month, dayOfMonth: c.dayOfMonth, hour: c.hour ?? 9, minute: c.minute ?? 0, comment: 'dispatch round' }],
    timezone: timeZone,
  };
}

function reportingWindow(value: string, field: string): string {
  if (!isIsoDuration(value) || nominalMillis(value) === 0) {
    throw new InvalidInputError(`${field}: must be an ISO 8601 duration longer than zero, e.g. P10D or PT30S`, [{ field, message: 'not an ISO 8601 duration' }]);
  }
  return value;
}

/** Dispatch schedules (Temporal Schedules, one per plan) and the rounds they start. */
@Injectable()
export class DispatchService {
  constructor(
    private readonly ds: DataSource,
    private readonly scope: ScopeService,
    private readonly gateway: DispatchGateway,
    private readonly idempotency: IdempotencyService,
  ) {}

  async putSchedule(caller: Caller, planId: string, dto: DispatchScheduleDto) {
    await this.scope.assertCoordinatesPlan(caller, planId);
    if ((dto.calendar === undefined) === (dto.cron === undefined)) {
      throw new InvalidInputError('Give either calendar or cron', [{ field: dto.calendar ? 'cron' : 'calendar', message: 'exactly one of calendar and cron' }]);
    }
    const [plan] = await this.ds.query('SELECT time_zone FROM plans WHERE id = $1', [planId]);
    const timeZone = dto.timeZone ?? plan.time_zone;
    if (!IANAZone.isValidZone(timeZone)) throw new InvalidInputError(`timeZone: ${JSON.stringify(timeZone)} is not an IANA time zone such as Asia/Shanghai`, [{ field: 'timeZone', message: 'unknown time zone' }]);
    const window = reportingWindow(dto.reportingWindow, 'reportingWindow');
    const spec = scheduleSpec(dto, timeZone);
    try {
      await this.gateway.putSchedule(planId, spec, window, dto.paused ?? false);
    } catch (err) {
      // The server is the judge of cron syntax.
      if (dto.cron !== undefined && /invalid|parse|cron/i.test((err as Error).message)) {
        throw new InvalidInputError(`cron: ${(err as Error).message}`, [{ field: 'cron', message: 'not a valid cron expression' }]);
      }
      throw err;
    }
    await this.ds.query(
      `INSERT INTO dispatch_schedules (plan_id, schedule_id, spec, time_zone, reporting_window, paused, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (plan_id) DO UPDATE SET spec = EXCLUDED.spec, time_zone = EXCLUDED.time_zone, reporting_window = EXCLUDED.reporting_window,
         paused = EXCLUDED.paused, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [planId, `dispatch-${planId}`, JSON.stringify(dto.cron !== undefined ? { cron: dto.cron } : { calendar: dto.calendar }), timeZone, window, dto.paused ?? false, caller.userId],
    );
    return this.getSchedule(planId);
  }

  async getSchedule(planId: string) {
    const [row] = await this.ds.query('SELECT * FROM dispatch_schedules WHERE plan_id = $1', [planId]);
    const temporal = row ? await this.gateway.describeSchedule(planId) : undefined;
    if (!row || !temporal) throw new NotFoundError(`Plan ${planId} has no dispatch schedule`, 'id');
    return {
      planId, scheduleId: row.schedule_id, ...row.spec, timeZone: row.time_zone, reportingWindow: row.reporting_window,
      paused: temporal.paused, nextRuns: temporal.nextRuns, recentRuns: temporal.recentRuns,
      overlapPolicy: temporal.policies.overlap, catchupWindowMs: temporal.policies.catchupWindowMs, updatedAt: iso(row.updated_at),
    };
  }

  async deleteSchedule(caller: Caller, planId: string): Promise<void> {
    await this.scope.assertCoordinatesPlan(caller, planId);
    const deleted = await this.gateway.deleteSchedule(planId);
    const [, removed] = await this.ds.query('DELETE FROM dispatch_schedules WHERE plan_id = $1', [planId]);
    if (!deleted && !removed) throw new NotFoundError(`Plan ${planId} has no dispatch schedule`, 'id');
  }

  async startRound(caller: Caller, planId: string, dto: StartRoundDto, key?: string) {
    await this.scope.assertCoordinatesPlan(caller, planId);
    const [schedule] = await this.ds.query('SELECT reporting_window FROM dispatch_schedules WHERE plan_id = $1', [planId]);
    const window = dto.reportingWindow ?? schedule?.reporting_window;
    if (!window) throw new InvalidInputError('reportingWindow: required when the plan has no dispatch schedule', [{ field: 'reportingWindow', message: 'required' }]);
    reportingWindow(window, 'reportingWindow');
    return this.idempotency.run(`${caller.userId}:POST /api/plans/${planId}/dispatch-rounds`, key, dto, 201, async (roundId) => {
      await this.gateway.startRound({ roundId, planId, reportingWindow: window, startedBy: caller.userId });
      return this.round(caller, roundId);
    });
  }

  async listRounds(planId: string, page: number, pageSize: number) {
    const rows = await this.ds.query(
      `SELECT d.*, c.number AS circular_number FROM dispatch_rounds d LEFT JOIN circulars c ON c.id = d.circular_id
       WHERE d.plan_id = $1 ORDER BY d.opened_at DESC LIMIT $2 OFFSET $3`,
      [planId, pageSize, (page - 1) * pageSize],
    );
    const [{ total }] = await this.ds.query('SELECT count(*)::int AS total FROM dispatch_rounds WHERE plan_id = $1', [planId]);
    return { items: rows.map((r: Record<string, any>) => roundView(r)), page, pageSize, total };
  }

  /** The round with every project: reported or not (live while the window is open), reminders, and status at the close. */
  async round(caller: Caller, roundId: string) {
    const [r] = await this.ds.query(
      `SELECT d.*, c.number AS circular_number FROM dispatch_rounds d LEFT JOIN circulars c ON c.id = d.circular_id WHERE d.id = $1`,
      [roundId],
    );
    if (!r) throw new NotFoundError(`No dispatch round ${roundId}`, 'id');
    const scope = this.scope.projectReadFilter(caller, 2);
    const projects: Array<Record<string, any>> = await this.ds.query(
      `SELECT rp.*, p.name AS project_name, u.name AS unit_name, us.display_name AS owner_name,
         (SELECT min(x.submitted_at) FROM reports x WHERE x.project_id = rp.project_id AND x.submitted_at >= d.opened_at) AS live_report_at
       FROM dispatch_round_projects rp JOIN dispatch_rounds d ON d.id = rp.round_id JOIN projects p ON p.id = rp.project_id
       JOIN units u ON u.id = rp.unit_id JOIN users us ON us.id = rp.owner_user_id
       WHERE rp.round_id = $1 AND ${scope.sql} ORDER BY u.path, p.name`,
      [roundId, ...scope.params],
    );
    const view = projects.map((p) => {
      const closed = r.state === 'closed';
      const reportedAt = closed ? p.first_report_at : p.live_report_at;
      return {
        projectId: p.project_id, projectName: p.project_name, unitId: p.unit_id, unitName: p.unit_name, ownerUserId: p.owner_user_id, ownerName: p.owner_name,
        reported: !!reportedAt, firstReportAt: iso(reportedAt), reminders: p.reminders, lastRemindedAt: iso(p.last_reminded_at),
        status: closed ? p.status : null, statusReasons: closed ? p.status_reasons : null,
      };
    });
    const brief = (p: (typeof view)[number]) => ({ projectId: p.projectId, projectName: p.projectName, unitName: p.unitName, ownerName: p.ownerName });
    return { ...roundView(r), projects: view, reported: view.filter((p) => p.reported).map(brief), missing: view.filter((p) => !p.reported).map(brief) };
  }

  /** Email and webhook deliveries: state, attempts and the last error of each. */
  async deliveries(caller: Caller, q: ListDeliveriesQueryDto & { notificationId?: string }) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (i: number) => string, v: unknown) => {
      params.push(v);
      where.push(sql(params.length));
    };
    if (q.notificationId) {
      const [n] = await this.ds.query('SELECT dedupe_key, recipient_user_id FROM notifications WHERE id = $1', [q.notificationId]);
      if (!n || (n.recipient_user_id !== caller.userId && !['coordinator', 'admin'].includes(caller.role))) throw new NotFoundError(`No notification ${q.notificationId}`, 'id');
      add((i) => `event_key = $${i}`, String(n.dedupe_key).replace(/:[^:]+:inbox$/, ''));
      add((i) => `(channel = 'webhook' OR recipient_user_id = $${i})`, n.recipient_user_id);
    } else if (!['coordinator', 'admin'].includes(caller.role)) {
      add((i) => `recipient_user_id = $${i}`, caller.userId);
    }
    if (q.eventKey) add((i) => `event_key = $${i}`, q.eventKey);
    if (q.channel) add((i) => `channel = $${i}`, q.channel);
    if (q.state) add((i) => `state = $${i}`, q.state);
    const sql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = await this.ds.query(`SELECT * FROM notification_deliveries ${sql} ORDER BY created_at, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [
      ...params, q.pageSize, (q.page - 1) * q.pageSize,
    ]);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM notification_deliveries ${sql}`, params);
    return { items: rows.map(deliveryView), page: q.page, pageSize: q.pageSize, total };
  }
}

function roundView(r: Record<string, any>) {
  return {
    id: r.id, planId: r.plan_id, workflowId: r.workflow_id, trigger: r.trigger, startedBy: r.started_by, reportingWindow: r.reporting_window,
    state: r.state, openedAt: iso(r.opened_at), closesAt: iso(r.closes_at), closedAt: iso(r.closed_at), remindersSent: r.reminders_sent,
    circularId: r.circular_id, circularNumber: r.circular_number ?? null,
  };
}

function deliveryView(d: Record<string, any>) {
  let address = d.address as string;
  if (d.channel === 'webhook') {
    try {
      const u = new URL(address);
      address = `${u.origin}${u.pathname}`; // robots carry their access token in the query
    } catch {
      address = '(invalid URL)';
    }
  }
  return {
    id: d.id, eventKey: d.event_key, channel: d.channel, format: d.format, recipient: d.recipient, recipientUserId: d.recipient_user_id, address,
    kind: d.kind, title: d.title, state: d.state, attempts: d.attempts, lastError: d.last_error,
    createdAt: iso(d.created_at), updatedAt: iso(d.updated_at), deliveredAt: iso(d.delivered_at),
  };
}
