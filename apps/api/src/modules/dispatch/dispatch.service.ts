import { Inject, Injectable } from '@nestjs/common';
import type { ScheduleSpec } from '@temporalio/client';
import { IANAZone } from 'luxon';
import { isIsoDuration, nominalMillis } from '../../../../../libs/domain/src/duration';
import { Caller } from '../../common/auth';
import { InvalidInputError, invalidInput, NotFoundError } from '../../common/errors';
import { dispatchScheduleId } from '../../../../../workflows/dispatch/dispatch.messages';
import { Idempotent, IdempotencyService } from '../../common/idempotency';
import { AccessPolicy } from '../../policy/access.policy';
import { DispatchGateway } from '../../temporal/dispatch.gateway';
import { DispatchCalendarDto, DispatchScheduleDto, StartRoundDto } from './dispatch.dto';
import { DispatchRepository } from './dispatch.repository';
import { checkCron } from './cron';
import { APP_CONFIG } from '../../common/tokens';
import type { AppConfig } from '../../../../../libs/config/src';

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'] as const;
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** The Temporal spec of a dispatch schedule: one calendar rule or one cron expression, in one time zone. */
export function scheduleSpec(dto: { calendar?: DispatchCalendarDto; cron?: string }, timeZone: string): ScheduleSpec {
  if (dto.cron !== undefined) {
    if (/^\s*(CRON_)?TZ=/.test(dto.cron)) throw new InvalidInputError('cron: give the time zone in timeZone, not in the expression', [{ field: 'cron', message: 'no TZ= prefix', code: 'field.cron-tz' }]);
    return { cronExpressions: [dto.cron.trim()], timezone: timeZone };
  }
  const c = dto.calendar!;
  if (c.months && c.monthEvery) throw new InvalidInputError('calendar: give months or monthEvery, not both', [{ field: 'calendar.monthEvery', message: 'months is given too', code: 'field.exactly-one-of', params: { options: 'months, monthEvery' } }]);
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

function reportingWindow(value: string, field: string, minimum: string): string {
  if (!isIsoDuration(value) || nominalMillis(value) === 0) {
    throw new InvalidInputError(`${field}: must be an ISO 8601 duration longer than zero, e.g. P10D or PT30S`, [{ field, message: 'not an ISO 8601 duration', code: 'field.iso-duration-positive', params: { got: JSON.stringify(value) } }]);
  }
  if (nominalMillis(value) < nominalMillis(minimum)) {
    const message = `must be at least ${minimum} (DISPATCH_MIN_REPORTING_WINDOW)`;
    throw new InvalidInputError(`${field}: ${message}`, [{ field, message, code: 'field.window-too-short', params: { minimum } }]);
  }
  if (nominalMillis(value) > nominalMillis('P366D')) {
    const message = 'must be at most a year (P366D)';
    throw new InvalidInputError(`${field}: ${message}`, [{ field, message, code: 'field.window-too-long', params: { maximum: 'P366D' } }]);
  }
  return value;
}

/** Dispatch schedules (Temporal Schedules, one per plan) and the rounds they start. */
@Injectable()
export class DispatchService {
  constructor(
    private readonly repo: DispatchRepository,
    private readonly policy: AccessPolicy,
    private readonly gateway: DispatchGateway,
    private readonly idempotency: IdempotencyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async putSchedule(caller: Caller, planId: string, dto: DispatchScheduleDto) {
    await this.policy.coordinatePlan(caller, planId);
    if ((dto.calendar === undefined) === (dto.cron === undefined)) {
      throw new InvalidInputError('Give either calendar or cron', [{ field: dto.calendar ? 'cron' : 'calendar', message: 'exactly one of calendar and cron', code: 'field.exactly-one-of', params: { options: 'calendar, cron' } }]);
    }
    const timeZone = dto.timeZone ?? (await this.repo.planTimeZone(planId));
    if (!IANAZone.isValidZone(timeZone)) throw new InvalidInputError(`timeZone: ${JSON.stringify(timeZone)} is not an IANA time zone such as Asia/Shanghai`, [{ field: 'timeZone', message: 'unknown time zone', code: 'field.time-zone', params: { got: JSON.stringify(timeZone) } }]);
    const window = reportingWindow(dto.reportingWindow, 'reportingWindow', this.config.limits.dispatchMinReportingWindow);
    if (dto.cron !== undefined) {
      const { problems } = checkCron(dto.cron, timeZone, nominalMillis(this.config.limits.scheduleMinInterval));
      if (problems.length) throw invalidInput(problems);
    }
    const spec = scheduleSpec(dto, timeZone);
    try {
      await this.gateway.putSchedule(planId, spec, window, dto.paused ?? false);
    } catch (err) {
      // The server is the judge of cron syntax.
      if (dto.cron !== undefined && /invalid|parse|cron/i.test((err as Error).message)) {
        throw new InvalidInputError(`cron: ${(err as Error).message}`, [{ field: 'cron', message: 'not a valid cron expression', code: 'field.cron-invalid', params: { got: JSON.stringify(dto.cron) } }]);
      }
      throw err;
    }
    await this.repo.putSchedule({
      planId, scheduleId: dispatchScheduleId(planId), spec: dto.cron !== undefined ? { cron: dto.cron } : { calendar: dto.calendar }, timeZone,
      reportingWindow: window, paused: dto.paused ?? false, updatedBy: caller.userId,
    });
    return this.getSchedule(planId);
  }

  async getSchedule(planId: string) {
    const row = await this.repo.schedule(planId);
    const temporal = row ? await this.gateway.describeSchedule(planId) : undefined;
    if (!row || !temporal) throw new NotFoundError(`Plan ${planId} has no dispatch schedule`, 'id');
    return {
      planId, scheduleId: row.schedule_id, ...row.spec, timeZone: row.time_zone, reportingWindow: row.reporting_window,
      paused: temporal.paused, nextRuns: temporal.nextRuns, recentRuns: temporal.recentRuns,
      overlapPolicy: temporal.policies.overlap, catchupWindowMs: temporal.policies.catchupWindowMs, updatedAt: iso(row.updated_at),
    };
  }

  async deleteSchedule(caller: Caller, planId: string): Promise<void> {
    await this.policy.coordinatePlan(caller, planId);
    const deleted = await this.gateway.deleteSchedule(planId);
    const removed = await this.repo.deleteSchedule(planId);
    if (!deleted && !removed) throw new NotFoundError(`Plan ${planId} has no dispatch schedule`, 'id');
  }

  async startRound(caller: Caller, planId: string, dto: StartRoundDto, idem: Idempotent) {
    await this.policy.coordinatePlan(caller, planId);
    const schedule = await this.repo.schedule(planId);
    const window = dto.reportingWindow ?? schedule?.reporting_window;
    if (!window) throw new InvalidInputError('reportingWindow: required when the plan has no dispatch schedule', [{ field: 'reportingWindow', message: 'required', code: 'field.window-required' }]);
    reportingWindow(window, 'reportingWindow', this.config.limits.dispatchMinReportingWindow);
    return this.idempotency.run(idem, dto, 201, async (roundId) => {
      await this.gateway.startRound({ roundId, planId, reportingWindow: window, startedBy: caller.userId });
      return this.round(caller, roundId);
    });
  }

  async listRounds(caller: Caller, planId: string, page: number, pageSize: number) {
    await this.policy.followPlan(caller, planId, new NotFoundError(`No plan ${planId}`, 'id'));
    return this.repo.rounds(planId, { page, pageSize }, (r) => roundView(r));
  }

  /** The round with every project: reported or not (live while the window is open), reminders, and status at the close. */
  async round(caller: Caller, roundId: string) {
    const r = await this.repo.round(roundId);
    if (!r) throw new NotFoundError(`No dispatch round ${roundId}`, 'id');
    await this.policy.followPlan(caller, r.plan_id, new NotFoundError(`No dispatch round ${roundId}`, 'id'));
    const projects = await this.repo.roundProjects(roundId, this.policy.roundProjects(caller));
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
}

function roundView(r: Record<string, any>) {
  return {
    id: r.id, planId: r.plan_id, workflowId: r.workflow_id, trigger: r.trigger, startedBy: r.started_by, reportingWindow: r.reporting_window,
    state: r.state, openedAt: iso(r.opened_at), closesAt: iso(r.closes_at), closedAt: iso(r.closed_at), remindersSent: r.reminders_sent,
    circularId: r.circular_id, circularNumber: r.circular_number ?? null,
  };
}
