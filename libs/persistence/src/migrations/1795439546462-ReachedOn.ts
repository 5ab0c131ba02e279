import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The day a report says its milestone was reached, kept with the report; milestones accepted before the day was
 * recorded take the day they were accepted on, in their plan's zone (the best fact there is for them).
 */
export class ReachedOn1795439546462 implements MigrationInterface {
  name = 'ReachedOn1795439546462';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reports ADD COLUMN reached_on date`);
    await q.query(`UPDATE milestones m SET reached_on = (m.accepted_at AT TIME ZONE coalesce(p.policy->>'timeZone', 'Asia/Shanghai'))::date
                   FROM projects p WHERE p.id = m.project_id AND m.state = 'accepted' AND m.reached_on IS NULL AND m.accepted_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reports DROP COLUMN reached_on`);
  }
}
