import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE units (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      type text NOT NULL DEFAULT 'bureau',
      parent_id uuid REFERENCES units(id),
      path text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX ix_units_path ON units (path text_pattern_ops)`);
    await q.query(`CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username text NOT NULL UNIQUE,
      display_name text NOT NULL,
      password_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin','coordinator','leader','owner')),
      unit_id uuid REFERENCES units(id),
      email text,
      is_unit_head boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX ix_users_unit ON users (unit_id)`);
    await q.query(`CREATE TABLE plans (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      year int NOT NULL,
      owner_unit_id uuid REFERENCES units(id),
      time_zone text NOT NULL DEFAULT 'Asia/Shanghai',
      policy jsonb NOT NULL DEFAULT '{}',
      portfolio_targets jsonb NOT NULL DEFAULT '[]',
      coordinator_ids uuid[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE projects (
      id uuid PRIMARY KEY,
      plan_id uuid NOT NULL REFERENCES plans(id),
      kind text NOT NULL,
      name text NOT NULL,
      lead_unit_id uuid NOT NULL REFERENCES units(id),
      lead_unit_path text NOT NULL,
      owner_user_id uuid NOT NULL REFERENCES users(id),
      responsible_head text,
      start_date date NOT NULL,
      due_date date NOT NULL,
      targets jsonb NOT NULL DEFAULT '{}',
      policy jsonb NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'green',
      status_reasons jsonb NOT NULL DEFAULT '[]',
      metrics jsonb NOT NULL DEFAULT '{}',
      next_deadline timestamptz,
      escalation_level int NOT NULL DEFAULT 0,
      workflow_id text NOT NULL,
      version bigint NOT NULL DEFAULT 0,
      closed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX ix_projects_plan_status ON projects (plan_id, status)`);
    await q.query(`CREATE INDEX ix_projects_unit_status ON projects (lead_unit_id, status)`);
    await q.query(`CREATE INDEX ix_projects_unit_path ON projects (lead_unit_path text_pattern_ops)`);
    await q.query(`CREATE INDEX ix_projects_kind ON projects (kind)`);
    await q.query(`CREATE INDEX ix_projects_next_deadline ON projects (next_deadline)`);
    await q.query(`CREATE TABLE milestones (
      project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      milestone_id text NOT NULL,
      name text NOT NULL,
      sort_order int NOT NULL DEFAULT 0,
      due_at timestamptz NOT NULL,
      weight double precision NOT NULL DEFAULT 1,
      state text NOT NULL,
      overdue boolean NOT NULL DEFAULT false,
      status text NOT NULL DEFAULT 'green',
      status_reasons jsonb NOT NULL DEFAULT '[]',
      escalation_level int NOT NULL DEFAULT 0,
      accepted_at timestamptz,
      next_event jsonb,
      PRIMARY KEY (project_id, milestone_id))`);
    await q.query(`CREATE INDEX ix_milestones_due ON milestones (due_at)`);
    await q.query(`CREATE TABLE reports (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      milestone_id text,
      submitted_by uuid NOT NULL,
      submitted_at timestamptz NOT NULL,
      figures jsonb NOT NULL DEFAULT '{}',
      narrative text NOT NULL DEFAULT '',
      evidence jsonb NOT NULL DEFAULT '[]',
      state text NOT NULL,
      reviewed_by uuid,
      reviewed_at timestamptz,
      review_comment text)`);
    await q.query(`CREATE INDEX ix_reports_project ON reports (project_id, submitted_at)`);
    await q.query(`CREATE TABLE extension_requests (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      milestone_id text NOT NULL,
      requested_by uuid NOT NULL,
      requested_at timestamptz NOT NULL,
      new_due_at timestamptz NOT NULL,
      reason text NOT NULL DEFAULT '',
      state text NOT NULL,
      decided_by uuid,
      decided_at timestamptz,
      decision_comment text)`);
    await q.query(`CREATE INDEX ix_extension_requests_project ON extension_requests (project_id)`);
    await q.query(`CREATE TABLE project_events (
      project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      seq int NOT NULL,
      type text NOT NULL,
      actor text NOT NULL,
      at timestamptz NOT NULL,
      data jsonb NOT NULL DEFAULT '{}',
      PRIMARY KEY (project_id, seq))`);
    await q.query(`CREATE INDEX ix_project_events_at ON project_events (at)`);
    await q.query(`CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      dedupe_key text NOT NULL UNIQUE,
      recipient_user_id uuid NOT NULL REFERENCES users(id),
      channel text NOT NULL DEFAULT 'inbox',
      project_id uuid,
      kind text NOT NULL,
      level int,
      title text NOT NULL,
      body text NOT NULL DEFAULT '',
      data jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz)`);
    await q.query(`CREATE INDEX ix_notifications_inbox ON notifications (recipient_user_id, created_at)`);
    await q.query(`CREATE TABLE idempotency_keys (
      scope text NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      status_code int NOT NULL,
      response jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (scope, key))`);
    await q.query(`CREATE TABLE calendar_years (
      locality text NOT NULL,
      year int NOT NULL,
      holidays text[] NOT NULL DEFAULT '{}',
      workdays text[] NOT NULL DEFAULT '{}',
      source text NOT NULL DEFAULT 'package',
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (locality, year))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['calendar_years', 'idempotency_keys', 'notifications', 'project_events', 'extension_requests', 'reports', 'milestones', 'projects', 'plans', 'users', 'units']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
