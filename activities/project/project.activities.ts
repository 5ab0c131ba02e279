import { DataSource } from 'typeorm';
import type { NotifyInput, PlanDeadlinesInput, PlanDeadlinesResult, ProjectionInput, RecordChangeInput } from '../../libs/contracts/src/project';
import { ApplicationFailure } from '@temporalio/common';
import { planDeadline } from '../../libs/domain/src/deadline';
import { DomainValidationError } from '../../libs/domain/src/errors';
import { loadCalendar } from '../calendar/calendar.store';
import { writeProjection } from './projection';
import { coUnitRecipients, recipientsOf } from '../notifications/recipients';
import type { Notifier } from '../channels/channels.activities';
import { codeNotice } from '../notifications/notice-text';
import { ProjectActivities } from './project.activities.interface';

/** Reminder and escalation instants of each milestone on the product's calendar (the activity, and the API at creation). */
export async function planMilestones(ds: DataSource, input: PlanDeadlinesInput): Promise<PlanDeadlinesResult> {
  const calendar = await loadCalendar(ds);
  return Object.fromEntries(
    input.milestones.map((m) => [m.id, deterministic(() => planDeadline({ deadline: m.dueAt, policy: input.policy, calendar, repeatCount: input.repeatCount }), `milestones.${m.id}.`)]),
  );
}

/** The project workflow's I/O, built on one PostgreSQL data source; the notifier adds email and webhooks to the inbox. */
export function createProjectActivities(ds: DataSource, notifier?: Notifier): ProjectActivities {
  const activities: ProjectActivities = {
    planDeadlines(input: PlanDeadlinesInput): Promise<PlanDeadlinesResult> {
      return planMilestones(ds, input);
    },

    projectProject(input: ProjectionInput): Promise<void> {
      return writeProjection(ds, input);
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

    // A retry writes the same projection again (a no-op) and finds the notice's rows already there.
    async recordChange({ projection, notice, mootIfSettled }: RecordChangeInput): Promise<void> {
      await writeProjection(ds, projection);
      if (!notice) return;
      if (mootIfSettled !== undefined) {
        const settled: unknown[] = await ds.query(
          `SELECT 1 FROM milestones m JOIN projects p ON p.id = m.project_id
           WHERE m.project_id = $1 AND m.milestone_id = $2 AND (m.state = 'accepted' OR p.closed_at IS NOT NULL)`,
          [projection.snapshot.spec.projectId, mootIfSettled],
        );
        if (settled.length > 0) return;
      }
      await activities.notify(notice);
    },
  };
  return activities;
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
