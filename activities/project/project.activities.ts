import { DataSource } from 'typeorm';
import type { NotifyInput, PlanDeadlinesInput, PlanDeadlinesResult, ProjectionInput } from '../../libs/contracts/src/project';
import { ApplicationFailure } from '@temporalio/common';
import { DateTime } from 'luxon';
import { workdaysBetween } from '../../libs/domain/src/calendar/calendar';
import { planDeadline } from '../../libs/domain/src/deadline';
import { DomainValidationError } from '../../libs/domain/src/errors';
import { loadCalendar } from '../calendar/calendar.store';
import { coUnitRecipients, recipientsOf } from '../notifications/recipients';
import type { Notifier } from '../channels/channels.activities';
import { codeNotice } from '../notifications/notice-text';
import { ProjectActivities } from './project.activities.interface';

/** The project workflow's I/O, built on one PostgreSQL data source; the notifier adds email and webhooks to the inbox. */
export function createProjectActivities(ds: DataSource, notifier?: Notifier): ProjectActivities {
  return {
    async planDeadlines(input: PlanDeadlinesInput): Promise<PlanDeadlinesResult> {
      const calendar = await loadCalendar(ds);
      return Object.fromEntries(
        input.milestones.map((m) => [m.id, deterministic(() => planDeadline({ deadline: m.dueAt, policy: input.policy, calendar, repeatCount: input.repeatCount }), `milestones.${m.id}.`)]),
      );
    },

    async projectProject({ snapshot, reports, extensions, events }: ProjectionInput): Promise<void> {
      const { spec } = snapshot;
      const workingDaysLate = await lateWorkingDays(ds, snapshot);
      await ds.transaction(async (tx) => {
        const applied = await tx.query(
          `INSERT INTO projects (id, plan_id, kind, name, lead_unit_id, lead_unit_path, owner_user_id, responsible_head, start_date, due_date,
             targets, policy, status, status_reasons, metrics, next_deadline, escalation_level, workflow_id, version, closed_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, (SELECT path FROM units WHERE id = $5), $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, now())
           ON CONFLICT (id) DO UPDATE SET
             name = EXCLUDED.name, status = EXCLUDED.status, status_reasons = EXCLUDED.status_reasons, metrics = EXCLUDED.metrics,
             next_deadline = EXCLUDED.next_deadline, escalation_level = EXCLUDED.escalation_level, version = EXCLUDED.version,
             closed_at = EXCLUDED.closed_at, targets = EXCLUDED.targets, policy = EXCLUDED.policy, updated_at = now()
           WHERE projects.version < EXCLUDED.version
           RETURNING id`,
          [
            spec.projectId, spec.planId, spec.kind, spec.name, spec.leadUnitId, spec.ownerUserId, spec.responsibleHead ?? null,
            spec.startDate, spec.dueDate, JSON.stringify(spec.targets), JSON.stringify(spec.policy), snapshot.status,
            JSON.stringify(snapshot.reasons), JSON.stringify({ ...snapshot.metrics, figures: snapshot.figures }), snapshot.nextDeadline ?? null,
            snapshot.escalationLevel, `project-${spec.projectId}`, snapshot.version, snapshot.closedAt ?? null,
          ],
        );
        if (applied.length > 0) {
          for (const m of snapshot.milestones) {
            await tx.query(
              `INSERT INTO milestones (project_id, milestone_id, name, sort_order, due_at, weight, state, overdue, status, status_reasons, escalation_level, accepted_at, next_event,
                 late_millis, late_days, late_working_days, reached_on)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
               ON CONFLICT (project_id, milestone_id) DO UPDATE SET name = EXCLUDED.name, sort_order = EXCLUDED.sort_order,
                 due_at = EXCLUDED.due_at, weight = EXCLUDED.weight, state = EXCLUDED.state, overdue = EXCLUDED.overdue,
                 status = EXCLUDED.status, status_reasons = EXCLUDED.status_reasons, escalation_level = EXCLUDED.escalation_level,
                 accepted_at = EXCLUDED.accepted_at, next_event = EXCLUDED.next_event,
                 late_millis = EXCLUDED.late_millis, late_days = EXCLUDED.late_days, late_working_days = EXCLUDED.late_working_days,
                 reached_on = EXCLUDED.reached_on`,
              [spec.projectId, m.id, m.name, m.order, m.dueAt, m.weight, m.state, m.overdue, m.status, JSON.stringify(m.reasons), m.escalationLevel, m.acceptedAt ?? null, m.nextEvent ? JSON.stringify(m.nextEvent) : null,
                m.acceptedLate?.millis ?? null, m.acceptedLate?.days ?? null, workingDaysLate.get(m.id) ?? null, m.reachedOn ?? null],
            );
          }
        }
        // Reports and extensions only move forward from their open state, so a late retry cannot undo a review.
        for (const r of reports) {
          await tx.query(
            `INSERT INTO reports (id, project_id, milestone_id, submitted_by, submitted_at, figures, narrative, evidence, state, reviewed_by, reviewed_at, review_comment, reached_on)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
             ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, reviewed_by = EXCLUDED.reviewed_by, reviewed_at = EXCLUDED.reviewed_at,
               review_comment = EXCLUDED.review_comment
             WHERE reports.state = 'submitted'`,
            [r.id, spec.projectId, r.milestoneId ?? null, r.submittedBy, r.submittedAt, JSON.stringify(r.figures), r.narrative, JSON.stringify(r.evidence), r.state, r.reviewedBy ?? null, r.reviewedAt ?? null, r.reviewComment ?? null, r.reachedOn ?? null],
          );
        }
        for (const x of extensions) {
          await tx.query(
            `INSERT INTO extension_requests (id, project_id, milestone_id, requested_by, requested_at, new_due_at, reason, state, decided_by, decided_at, decision_comment)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at,
               decision_comment = EXCLUDED.decision_comment
             WHERE extension_requests.state = 'pending'`,
            [x.id, spec.projectId, x.milestoneId, x.requestedBy, x.requestedAt, x.newDueAt, x.reason, x.state, x.decidedBy ?? null, x.decidedAt ?? null, x.decisionComment ?? null],
          );
        }
        for (const e of events) {
          await tx.query(
            `INSERT INTO project_events (project_id, seq, type, actor, at, data) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
            [spec.projectId, e.seq, e.type, e.actor, e.at, JSON.stringify(e.data)],
          );
        }
      });
    },

    async notify(input: NotifyInput): Promise<number> {
      const recipients = new Set<string>();
      for (const audience of input.audience) {
        for (const id of await recipientsOf(ds, audience, { planId: input.planId, unitId: input.leadUnitId, owners: async () => [input.ownerUserId] })) recipients.add(id);
      }
      // Co-units hear of it too, marked as such (asCoUnit) so their inbox tells them the lead unit acts.
      const coUnit = (await coUnitRecipients(ds, input.projectId, input.audience)).filter((id) => !recipients.has(id));
      const all = [...recipients, ...coUnit];
      const coded = await codeNotice(ds, input);
      // One statement for the whole audience (an office or a unit's heads can be many people); the dedupe key keeps
      // a retried or repeated notice to one row per (event, recipient).
      const rows: unknown[] = all.length === 0 ? [] : await ds.query(
        `INSERT INTO notifications (dedupe_key, recipient_user_id, channel, project_id, kind, level, title, body, data, code, params)
         SELECT $1::text || ':' || r::text || ':inbox', r, 'inbox', $2, $3, $4, $5, $6,
                CASE WHEN n > $11 THEN $7::jsonb || '{"asCoUnit": true}'::jsonb ELSE $7::jsonb END, $8, $9
         FROM unnest($10::uuid[]) WITH ORDINALITY AS t(r, n)
         ORDER BY n ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [input.eventKey, input.projectId, input.kind, input.level ?? null, input.title, input.body, JSON.stringify(input.data ?? {}),
          coded?.code ?? null, coded ? JSON.stringify(coded.params) : null, all, recipients.size],
      );
      const created = rows.length;
      await notifier?.fanOut({
        eventKey: input.eventKey, recipientUserIds: all, kind: input.kind, level: input.level, title: input.title, body: input.body,
        data: { ...input.data, projectId: input.projectId }, ...coded,
      });
      return created;
    },
  };
}

/** Working days each late-accepted milestone was late by, on the product's calendar: (deadline date, acceptance date] in the plan's zone. */
async function lateWorkingDays(ds: DataSource, snapshot: ProjectionInput['snapshot']): Promise<Map<string, number>> {
  const late = snapshot.milestones.filter((m) => m.acceptedLate && m.acceptedAt);
  if (late.length === 0) return new Map();
  const calendar = await loadCalendar(ds);
  const zone = snapshot.spec.policy.timeZone;
  const date = (iso: string) => DateTime.fromISO(iso, { zone }).toISODate()!;
  return new Map(late.map((m) => [m.id, Math.max(0, workdaysBetween(date(m.dueAt), date(m.acceptedAt!), calendar))]));
}

/**
 * Runs a pure domain step whose invalid input is deterministic: a DomainValidationError becomes a non-retryable
 * ApplicationFailure of type `ValidationError` naming the field, so no workflow retries it forever; an Update that
 * meets it fails with that type, which the API answers with 400.
 */
export function deterministic<T>(step: () => T, fieldPrefix = ''): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof DomainValidationError) {
      throw ApplicationFailure.create({ type: 'ValidationError', message: err.message, nonRetryable: true, details: [{ field: `${fieldPrefix}${err.field}`, code: err.code, params: err.params }] });
    }
    throw err;
  }
}
