import { DataSource } from 'typeorm';
import { DEFAULT_POLICY, shiftByPolicyDuration, validatePolicy } from '../../libs/domain/src/deadline';
import { loadCalendar } from '../calendar/calendar.store';
import { DispatchActivities, OpenedRound, RoundProject, RoundSummary } from './dispatch.activities.interface';

const iso = (d: Date | string) => new Date(d).toISOString();
const roundProject = (r: Record<string, any>): RoundProject => ({ projectId: r.project_id, name: r.name, ownerUserId: r.owner_user_id, unitId: r.unit_id });

/** The dispatch round's I/O on PostgreSQL. */
export function createDispatchActivities(ds: DataSource): DispatchActivities {
  const roundProjects = async (roundId: string, where = 'TRUE'): Promise<Array<Record<string, any>>> =>
    ds.query(
      `SELECT rp.*, p.name FROM dispatch_round_projects rp JOIN projects p ON p.id = rp.project_id
       JOIN units u ON u.id = rp.unit_id WHERE rp.round_id = $1 AND ${where} ORDER BY u.path, p.name`,
      [roundId],
    );

  return {
    async openRound(input): Promise<OpenedRound> {
      const [plan] = await ds.query('SELECT id, name, policy FROM plans WHERE id = $1', [input.planId]);
      if (!plan) throw new Error(`No plan ${input.planId}`);
      const policy = validatePolicy(Object.keys(plan.policy ?? {}).length ? plan.policy : DEFAULT_POLICY, 'plan.policy');
      const closesAt = iso(shiftByPolicyDuration(input.openedAt, input.reportingWindow, 1, policy, await loadCalendar(ds)));
      await ds.transaction(async (tx) => {
        const created = await tx.query(
          `INSERT INTO dispatch_rounds (id, plan_id, workflow_id, trigger, started_by, reporting_window, state, opened_at, closes_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id`,
          [input.roundId, input.planId, input.workflowId, input.trigger, input.startedBy ?? null, input.reportingWindow, input.openedAt, closesAt],
        );
        if (!created.length) return; // a retry: the round and its projects are already recorded
        await tx.query(
          `INSERT INTO dispatch_round_projects (round_id, project_id, unit_id, owner_user_id)
           SELECT $1, p.id, p.lead_unit_id, p.owner_user_id FROM projects p
           WHERE p.plan_id = $2 AND p.closed_at IS NULL AND p.status NOT IN ('done','closed')`,
          [input.roundId, input.planId],
        );
      });
      const [round] = await ds.query('SELECT opened_at, closes_at FROM dispatch_rounds WHERE id = $1', [input.roundId]);
      return {
        roundId: input.roundId, planId: plan.id, planName: plan.name, policy, openedAt: iso(round.opened_at), closesAt: iso(round.closes_at),
        projects: (await roundProjects(input.roundId)).map(roundProject),
      };
    },

    async unreportedProjects(roundId) {
      const rows = await roundProjects(
        roundId,
        `NOT EXISTS (SELECT 1 FROM reports r JOIN dispatch_rounds d ON d.id = rp.round_id WHERE r.project_id = rp.project_id AND r.submitted_at >= d.opened_at)`,
      );
      return rows.map(roundProject);
    },

    async recordReminders({ roundId, projectIds, at }) {
      await ds.query(
        `UPDATE dispatch_round_projects SET reminders = reminders + 1, last_reminded_at = $3
         WHERE round_id = $1 AND project_id = ANY($2::uuid[]) AND last_reminded_at IS DISTINCT FROM $3`,
        [roundId, projectIds, at],
      );
      await ds.query(
        // Each reminder reaches every project still without a report, so the most-reminded project counts them all.
        `UPDATE dispatch_rounds SET reminders_sent = (SELECT coalesce(max(reminders), 0) FROM dispatch_round_projects WHERE round_id = $1) WHERE id = $1`,
        [roundId],
      );
    },

    async closeRound({ roundId, closedAt }): Promise<RoundSummary> {
      await ds.transaction(async (tx) => {
        const [round] = await tx.query(`SELECT * FROM dispatch_rounds WHERE id = $1 FOR UPDATE`, [roundId]);
        if (round.state === 'closed') return;
        // Any report submitted in the window counts, whatever its review.
        await tx.query(
          `UPDATE dispatch_round_projects rp SET
             first_report_at = (SELECT min(r.submitted_at) FROM reports r WHERE r.project_id = rp.project_id AND r.submitted_at >= $2 AND r.submitted_at <= $3),
             status = p.status, status_reasons = p.status_reasons
           FROM projects p WHERE p.id = rp.project_id AND rp.round_id = $1`,
          [roundId, round.opened_at, closedAt],
        );
        await tx.query(`UPDATE dispatch_round_projects SET reported = first_report_at IS NOT NULL WHERE round_id = $1`, [roundId]);
        await tx.query(`UPDATE dispatch_rounds SET state = 'closed', closed_at = $2 WHERE id = $1`, [roundId, closedAt]);
      });
      const [round] = await ds.query('SELECT closed_at FROM dispatch_rounds WHERE id = $1', [roundId]);
      const rows = await roundProjects(roundId);
      return {
        roundId, closedAt: iso(round.closed_at),
        reported: rows.filter((r) => r.reported).map(roundProject),
        missing: rows.filter((r) => !r.reported).map(roundProject),
      };
    },
  };
}
