import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Task tables brought into a plan: the uploaded table read as draft projects (preview), and each row's outcome once
 * confirmed. A row is known in its plan by its key (序号, or its content), so the same row never creates two projects.
 */
export class PlanImports1795439862730 implements MigrationInterface {
  name = 'PlanImports1795439862730';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE plan_imports (
      id uuid PRIMARY KEY,
      plan_id uuid NOT NULL REFERENCES plans(id),
      created_by uuid NOT NULL REFERENCES users(id),
      file_name text NOT NULL,
      file_format text NOT NULL,
      file_sha256 text NOT NULL,
      sheet text,
      headers jsonb NOT NULL,
      status text NOT NULL DEFAULT 'preview' CHECK (status IN ('preview', 'confirming', 'done')),
      created_at timestamptz NOT NULL DEFAULT now(),
      selected_lines int[],
      confirmed_at timestamptz,
      finished_at timestamptz
    )`);
    await q.query(`CREATE INDEX plan_imports_plan ON plan_imports (plan_id, created_at DESC)`);
    await q.query(`CREATE TABLE plan_import_rows (
      import_id uuid NOT NULL REFERENCES plan_imports(id) ON DELETE CASCADE,
      line int NOT NULL,
      row_key text NOT NULL,
      raw jsonb NOT NULL,
      draft jsonb NOT NULL,
      outcome text CHECK (outcome IN ('created', 'existing', 'failed', 'invalid')),
      project_id uuid,
      failure jsonb,
      PRIMARY KEY (import_id, line)
    )`);
    // Which row of a plan became which project: the guard that makes confirming twice, or a second import, create nothing.
    await q.query(`CREATE TABLE plan_import_keys (
      plan_id uuid NOT NULL REFERENCES plans(id),
      row_key text NOT NULL,
      project_id uuid NOT NULL,
      import_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (plan_id, row_key)
    )`);
    // 配合单位: units that share in a project without reporting for it.
    await q.query(`CREATE TABLE project_co_units (
      project_id uuid NOT NULL REFERENCES projects(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      PRIMARY KEY (project_id, unit_id)
    )`);
    await q.query(`CREATE INDEX project_co_units_unit ON project_co_units (unit_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE project_co_units`);
    await q.query(`DROP TABLE plan_import_keys`);
    await q.query(`DROP TABLE plan_import_rows`);
    await q.query(`DROP TABLE plan_imports`);
  }
}
