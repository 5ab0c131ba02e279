import { DataSource } from 'typeorm';
import { DateTime } from 'luxon';
import type { ProjectionInput } from '../../libs/contracts/src/project';
import { workdaysBetween } from '../../libs/domain/src/calendar/calendar';
import { loadCalendar } from '../calendar/calendar.store';

/**
 * Writes one projection of a project to the read model, in one statement (one round trip, atomic): the project row,
 * guarded by its version so the read model never moves backwards; its milestones only with a project row that moved;
 * reports and extensions only forward from their open state, so a late retry cannot undo a review; audit events once.
 * Any number of writers may overlap (the workflow's activity and the API that answered the change): the same or an
 * older projection written again changes nothing.
 */
export async function writeProjection(ds: DataSource, { snapshot, reports, extensions, events }: ProjectionInput): Promise<void> {
  const { spec } = snapshot;
  const workingDaysLate = await lateWorkingDays(ds, snapshot);
  const milestones = snapshot.milestones.map((m) => ({
    id: m.id, name: m.name, sort_order: m.order, due_at: m.dueAt, weight: m.weight, state: m.state, overdue: m.overdue, status: m.status,
    reasons: m.reasons, escalation_level: m.escalationLevel, accepted_at: m.acceptedAt ?? null, next_event: m.nextEvent ?? null,
    late_millis: m.acceptedLate?.millis ?? null, late_days: m.acceptedLate?.days ?? null, late_working_days: workingDaysLate.get(m.id) ?? null,
    reached_on: m.reachedOn ?? null,
  }));
  const reportRows = reports.map((r) => ({
    id: r.id, milestone_id: r.milestoneId ?? null, submitted_by: r.submittedBy, submitted_at: r.submittedAt, figures: r.figures, narrative: r.narrative,
    evidence: r.evidence, state: r.state, reviewed_by: r.reviewedBy ?? null, reviewed_at: r.reviewedAt ?? null, review_comment: r.reviewComment ?? null,
    reached_on: r.reachedOn ?? null,
  }));
  const extensionRows = extensions.map((x) => ({
    id: x.id, milestone_id: x.milestoneId, requested_by: x.requestedBy, requested_at: x.requestedAt, new_due_at: x.newDueAt, reason: x.reason,
    state: x.state, decided_by: x.decidedBy ?? null, decided_at: x.decidedAt ?? null, decision_comment: x.decisionComment ?? null,
  }));
  await ds.query(
    `WITH p AS (
       INSERT INTO projects (id, plan_id, kind, name, lead_unit_id, lead_unit_path, owner_user_id, responsible_head, start_date, due_date,
         targets, policy, status, status_reasons, metrics, next_deadline, escalation_level, workflow_id, version, closed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, (SELECT path FROM units WHERE id = $5), $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, now())
       ON CONFLICT (id) DO UPDATE SET
         name = EXCLUDED.name, status = EXCLUDED.status, status_reasons = EXCLUDED.status_reasons, metrics = EXCLUDED.metrics,
         next_deadline = EXCLUDED.next_deadline, escalation_level = EXCLUDED.escalation_level, version = EXCLUDED.version,
         closed_at = EXCLUDED.closed_at, targets = EXCLUDED.targets, policy = EXCLUDED.policy, updated_at = now()
       WHERE projects.version < EXCLUDED.version
       RETURNING id
     ), m AS (
       INSERT INTO milestones (project_id, milestone_id, name, sort_order, due_at, weight, state, overdue, status, status_reasons, escalation_level,
         accepted_at, next_event, late_millis, late_days, late_working_days, reached_on)
       SELECT $1, x.id, x.name, x.sort_order, x.due_at, x.weight, x.state, x.overdue, x.status, x.reasons, x.escalation_level,
         x.accepted_at, x.next_event, x.late_millis, x.late_days, x.late_working_days, x.reached_on
       FROM jsonb_to_recordset($20::jsonb) AS x(id text, name text, sort_order int, due_at timestamptz, weight double precision, state text,
         overdue boolean, status text, reasons jsonb, escalation_level int, accepted_at timestamptz, next_event jsonb, late_millis bigint,
         late_days int, late_working_days int, reached_on date)
       WHERE EXISTS (SELECT 1 FROM p)
       ON CONFLICT (project_id, milestone_id) DO UPDATE SET name = EXCLUDED.name, sort_order = EXCLUDED.sort_order,
         due_at = EXCLUDED.due_at, weight = EXCLUDED.weight, state = EXCLUDED.state, overdue = EXCLUDED.overdue,
         status = EXCLUDED.status, status_reasons = EXCLUDED.status_reasons, escalation_level = EXCLUDED.escalation_level,
         accepted_at = EXCLUDED.accepted_at, next_event = EXCLUDED.next_event,
         late_millis = EXCLUDED.late_millis, late_days = EXCLUDED.late_days, late_working_days = EXCLUDED.late_working_days,
         reached_on = EXCLUDED.reached_on
     ), r AS (
       INSERT INTO reports (id, project_id, milestone_id, submitted_by, submitted_at, figures, narrative, evidence, state, reviewed_by, reviewed_at,
         review_comment, reached_on)
       SELECT x.id, $1, x.milestone_id, x.submitted_by, x.submitted_at, x.figures, x.narrative, x.evidence, x.state, x.reviewed_by, x.reviewed_at,
         x.review_comment, x.reached_on
       FROM jsonb_to_recordset($21::jsonb) AS x(id uuid, milestone_id text, submitted_by uuid, submitted_at timestamptz, figures jsonb,
         narrative text, evidence jsonb, state text, reviewed_by uuid, reviewed_at timestamptz, review_comment text, reached_on date)
       ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, reviewed_by = EXCLUDED.reviewed_by, reviewed_at = EXCLUDED.reviewed_at,
         review_comment = EXCLUDED.review_comment
       WHERE reports.state = 'submitted'
     ), x AS (
       INSERT INTO extension_requests (id, project_id, milestone_id, requested_by, requested_at, new_due_at, reason, state, decided_by, decided_at,
         decision_comment)
       SELECT x.id, $1, x.milestone_id, x.requested_by, x.requested_at, x.new_due_at, x.reason, x.state, x.decided_by, x.decided_at, x.decision_comment
       FROM jsonb_to_recordset($22::jsonb) AS x(id uuid, milestone_id text, requested_by uuid, requested_at timestamptz, new_due_at timestamptz,
         reason text, state text, decided_by uuid, decided_at timestamptz, decision_comment text)
       ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at,
         decision_comment = EXCLUDED.decision_comment
       WHERE extension_requests.state = 'pending'
     ), e AS (
       INSERT INTO project_events (project_id, seq, type, actor, at, data)
       SELECT $1, x.seq, x.type, x.actor, x.at, x.data
       FROM jsonb_to_recordset($23::jsonb) AS x(seq int, type text, actor text, at timestamptz, data jsonb)
       ON CONFLICT DO NOTHING
     )
     SELECT count(*) AS applied FROM p`,
    [
      spec.projectId, spec.planId, spec.kind, spec.name, spec.leadUnitId, spec.ownerUserId, spec.responsibleHead ?? null,
      spec.startDate, spec.dueDate, JSON.stringify(spec.targets), JSON.stringify(spec.policy), snapshot.status,
      JSON.stringify(snapshot.reasons), JSON.stringify({ ...snapshot.metrics, figures: snapshot.figures }), snapshot.nextDeadline ?? null,
      snapshot.escalationLevel, `project-${spec.projectId}`, snapshot.version, snapshot.closedAt ?? null,
      JSON.stringify(milestones), JSON.stringify(reportRows), JSON.stringify(extensionRows),
      JSON.stringify(events.map((e) => ({ seq: e.seq, type: e.type, actor: e.actor, at: e.at, data: e.data ?? {} }))),
    ],
  );
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
