import { MigrationInterface, QueryRunner } from 'typeorm';

/** Dispatch schedules and rounds, numbered circulars, rectification items, and deliveries over email and webhooks. */
export class DispatchCircularsRectification1763900000600 implements MigrationInterface {
  name = 'DispatchCircularsRectification1763900000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE dispatch_schedules (
      plan_id uuid PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
      schedule_id text NOT NULL UNIQUE,
      spec jsonb NOT NULL,
      time_zone text NOT NULL,
      reporting_window text NOT NULL,
      paused boolean NOT NULL DEFAULT false,
      updated_by uuid,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE dispatch_rounds (
      id uuid PRIMARY KEY,
      plan_id uuid NOT NULL REFERENCES plans(id),
      workflow_id text NOT NULL UNIQUE,
      trigger text NOT NULL CHECK (trigger IN ('schedule','manual')),
      started_by uuid,
      reporting_window text NOT NULL,
      state text NOT NULL CHECK (state IN ('open','closed')),
      opened_at timestamptz NOT NULL,
      closes_at timestamptz NOT NULL,
      closed_at timestamptz,
      reminders_sent int NOT NULL DEFAULT 0,
      circular_id uuid)`);
    await q.query(`CREATE INDEX ix_dispatch_rounds_plan ON dispatch_rounds (plan_id, opened_at)`);
    await q.query(`CREATE TABLE dispatch_round_projects (
      round_id uuid NOT NULL REFERENCES dispatch_rounds(id) ON DELETE CASCADE,
      project_id uuid NOT NULL REFERENCES projects(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      owner_user_id uuid NOT NULL REFERENCES users(id),
      reported boolean,
      first_report_at timestamptz,
      reminders int NOT NULL DEFAULT 0,
      last_reminded_at timestamptz,
      status text,
      status_reasons jsonb,
      PRIMARY KEY (round_id, project_id))`);
    await q.query(`CREATE TABLE circular_counters (
      plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
      year int NOT NULL,
      last_number int NOT NULL,
      PRIMARY KEY (plan_id, year))`);
    await q.query(`CREATE TABLE circulars (
      id uuid PRIMARY KEY,
      plan_id uuid NOT NULL REFERENCES plans(id),
      year int NOT NULL,
      number int NOT NULL,
      issue_key text NOT NULL UNIQUE,
      round_id uuid REFERENCES dispatch_rounds(id),
      title text NOT NULL,
      issued_at timestamptz NOT NULL,
      issued_by uuid,
      content jsonb NOT NULL,
      UNIQUE (plan_id, year, number))`);
    await q.query(`CREATE TABLE rectifications (
      id uuid PRIMARY KEY,
      plan_id uuid NOT NULL REFERENCES plans(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      unit_path text NOT NULL,
      project_id uuid REFERENCES projects(id),
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      source text NOT NULL,
      source_ref text,
      due_at timestamptz NOT NULL,
      state text NOT NULL CHECK (state IN ('raised','answered','returned','signed_off')),
      overdue boolean NOT NULL DEFAULT false,
      escalation_level int NOT NULL DEFAULT 0,
      next_event jsonb,
      raised_by uuid NOT NULL,
      raised_at timestamptz NOT NULL,
      signed_off_by uuid,
      signed_off_at timestamptz,
      history jsonb NOT NULL DEFAULT '[]',
      workflow_id text NOT NULL,
      version bigint NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX ix_rectifications_plan_state ON rectifications (plan_id, state)`);
    await q.query(`CREATE INDEX ix_rectifications_unit_path ON rectifications (unit_path text_pattern_ops)`);
    await q.query(`CREATE TABLE notification_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      delivery_key text NOT NULL UNIQUE,
      event_key text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('email','webhook')),
      recipient text NOT NULL,
      recipient_user_id uuid REFERENCES users(id),
      address text NOT NULL,
      format text NOT NULL,
      kind text NOT NULL,
      title text NOT NULL,
      body text NOT NULL DEFAULT '',
      data jsonb NOT NULL DEFAULT '{}',
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','retrying','delivered','failed')),
      attempts int NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz)`);
    await q.query(`CREATE INDEX ix_notification_deliveries_event ON notification_deliveries (event_key)`);
    await q.query(`CREATE INDEX ix_notification_deliveries_open ON notification_deliveries (state, updated_at) WHERE state <> 'delivered'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['notification_deliveries', 'rectifications', 'circulars', 'circular_counters', 'dispatch_round_projects', 'dispatch_rounds', 'dispatch_schedules']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
