import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Categories, tags, templates and quantity targets on projects; plan-defined templates and figures, plan
 * edits with their audit trail; circular numbering by series with a settable next number.
 */
export class TargetsTemplatesSeries1795430023721 implements MigrationInterface {
  name = 'TargetsTemplatesSeries1795430023721';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projects
      ADD COLUMN category text,
      ADD COLUMN work_type text,
      ADD COLUMN tags text[] NOT NULL DEFAULT '{}',
      ADD COLUMN template text,
      ADD COLUMN quantities jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`CREATE INDEX ix_projects_tags ON projects USING gin (tags)`);
    // The day a stage was really reached, as its report states (accepted_at is when a coordinator accepted it).
    await q.query(`ALTER TABLE milestones ADD COLUMN reached_on date`);
    await q.query(`CREATE INDEX ix_projects_plan_category ON projects (plan_id, category)`);
    await q.query(`ALTER TABLE plans
      ADD COLUMN templates jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN figures jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN series_scope text NOT NULL DEFAULT 'office_year',
      ADD COLUMN updated_at timestamptz`);
    await q.query(`CREATE TABLE plan_events (
      id bigserial PRIMARY KEY,
      plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
      type text NOT NULL,
      actor text NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      data jsonb NOT NULL)`);
    await q.query(`CREATE INDEX ix_plan_events_plan ON plan_events (plan_id, id)`);
    // A series: its number set by hand (to continue a paper series) and the last number issued.
    await q.query(`CREATE TABLE circular_series (
      key text PRIMARY KEY,
      starts_at int,
      last_number int,
      set_by uuid,
      set_at timestamptz)`);
    await q.query(`ALTER TABLE circulars ADD COLUMN series_key text`);
    await q.query(`CREATE UNIQUE INDEX ux_circulars_series_number ON circulars (series_key, number) WHERE series_key IS NOT NULL`);
    // Plans numbered before series existed keep numbering per plan and year, continuing where they stopped.
    await q.query(`UPDATE plans SET series_scope = 'plan_year' WHERE id IN (SELECT plan_id FROM circular_counters)`);
    await q.query(`INSERT INTO circular_series (key, last_number) SELECT 'plan:' || plan_id || ':' || year, last_number FROM circular_counters`);
    await q.query(`UPDATE circulars SET series_key = 'plan:' || plan_id || ':' || year`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ux_circulars_series_number`);
    await q.query(`ALTER TABLE circulars DROP COLUMN series_key`);
    await q.query(`DROP TABLE circular_series`);
    await q.query(`DROP TABLE plan_events`);
    await q.query(`ALTER TABLE plans DROP COLUMN templates, DROP COLUMN figures, DROP COLUMN series_scope, DROP COLUMN updated_at`);
    await q.query(`DROP INDEX ix_projects_plan_category`);
    await q.query(`ALTER TABLE milestones DROP COLUMN reached_on`);
    await q.query(`DROP INDEX ix_projects_tags`);
    await q.query(`ALTER TABLE projects DROP COLUMN category, DROP COLUMN work_type, DROP COLUMN tags, DROP COLUMN template, DROP COLUMN quantities`);
  }
}
