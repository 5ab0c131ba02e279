import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A milestone accepted after its deadline is "accepted late": by how long, by how many calendar days and by how many
 * working days (on the calendar the plan counts). NULL when accepted on time or not yet accepted.
 */
export class MilestoneLateness1795430674383 implements MigrationInterface {
  name = 'MilestoneLateness1795430674383';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE milestones ADD COLUMN late_millis bigint, ADD COLUMN late_days int, ADD COLUMN late_working_days int`);
    // Accepted after the deadline before this column existed: the facts are in the row already.
    await q.query(`UPDATE milestones m SET overdue = true, late_millis = (extract(epoch FROM m.accepted_at - m.due_at) * 1000)::bigint,
                     late_days = (m.accepted_at AT TIME ZONE coalesce(p.policy->>'timeZone', 'Asia/Shanghai'))::date
                               - (m.due_at AT TIME ZONE coalesce(p.policy->>'timeZone', 'Asia/Shanghai'))::date
                   FROM projects p WHERE p.id = m.project_id AND m.state = 'accepted' AND m.accepted_at > m.due_at`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE milestones DROP COLUMN late_millis, DROP COLUMN late_days, DROP COLUMN late_working_days`);
  }
}
