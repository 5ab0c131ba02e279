import type { DataSource, Logger, QueryRunner } from 'typeorm';

/**
 * Brings the read model up to the sizes the reads are measured at, by SQL (the workflows know nothing of these
 * rows): projects spread over five kinds and four colours, milestones spread over all projects, and notifications
 * spread over a thousand owner accounts of the unit (plus the bench's own owner), most of them read.
 */
export async function seedReadModel(ds: DataSource, at: { projects: number; milestones: number; notifications: number }, ctx: { planId: string; unitId: string; unitPath: string; ownerId: string }): Promise<{ projects: number; milestones: number; notifications: number; ownerInbox: number }> {
  const count = async (table: string) => Number((await ds.query(`SELECT count(*)::bigint AS n FROM ${table}`))[0].n);
  const projects = Math.max(0, at.projects - (await count('projects')));
  if (projects > 0) {
    await ds.query(
      `INSERT INTO projects (id, plan_id, kind, name, lead_unit_id, lead_unit_path, owner_user_id, start_date, due_date, status, next_deadline, workflow_id, version)
       SELECT gen_random_uuid(), $1, (ARRAY['generic','school_construction','teacher_rotation','training_quota','indicator'])[1 + g % 5], 'seeded ' || g, $2, $3, $4,
         '2027-01-01', '2027-12-31', (ARRAY['green','yellow','red','done'])[1 + g % 4], now() + (g || ' minutes')::interval, 'seeded-' || g, 1
       FROM generate_series(1, $5::int) g`,
      [ctx.planId, ctx.unitId, ctx.unitPath, ctx.ownerId, projects],
    );
  }
  const milestones = Math.max(0, at.milestones - (await count('milestones')));
  if (milestones > 0) {
    const perProject = Math.ceil(milestones / (await count('projects')));
    await ds.query(
      `INSERT INTO milestones (project_id, milestone_id, name, sort_order, due_at, state, overdue)
       SELECT p.id, 'seeded-' || k, 'milestone ' || k, 100 + k, now() + ((k * 30 - 90) || ' days')::interval,
         CASE WHEN k % 3 = 0 THEN 'accepted' ELSE 'pending' END, k * 30 < 90 AND k % 3 <> 0
       FROM projects p, generate_series(1, $1::int) k LIMIT $2`,
      [perProject, milestones],
    );
  }
  const notifications = Math.max(0, at.notifications - (await count('notifications')));
  if (notifications > 0) {
    await ds.query(
      `INSERT INTO users (username, display_name, password_hash, role, unit_id)
       SELECT 'seeded-owner-' || g, 'seeded owner ' || g, '!', 'owner', $1 FROM generate_series(1, 1000) g ON CONFLICT (username) DO NOTHING`,
      [ctx.unitId],
    );
    const recipients: string[] = (await ds.query(`SELECT id FROM users WHERE username LIKE 'seeded-owner-%' ORDER BY username`)).map((r: { id: string }) => r.id);
    recipients.push(ctx.ownerId);
    // In slices, so one statement never holds hundreds of MB of generated rows.
    const slice = 200_000;
    for (let from = 0; from < notifications; from += slice) {
      await ds.query(
        `INSERT INTO notifications (dedupe_key, recipient_user_id, channel, project_id, kind, level, title, body, data, created_at, read_at)
         SELECT 'seeded:' || $1::int + g, ($2::uuid[])[1 + (($1::int + g) % array_length($2::uuid[], 1))], 'inbox', NULL,
           (ARRAY['reminder','overdue','escalation','report'])[1 + g % 4], NULL, '【提醒】项目节点即将到期 ' || g, '请按时报送进展', '{}',
           now() - ((g % 525600) || ' minutes')::interval, CASE WHEN g % 10 = 0 THEN NULL ELSE now() END
         FROM generate_series(1, $3::int) g`,
        [from, recipients, Math.min(slice, notifications - from)],
      );
    }
  }
  await ds.query('ANALYZE');
  return {
    projects: await count('projects'),
    milestones: await count('milestones'),
    notifications: await count('notifications'),
    ownerInbox: Number((await ds.query(`SELECT count(*) AS n FROM notifications WHERE recipient_user_id = $1`, [ctx.ownerId]))[0].n),
  };
}

/** A statement the API ran, with its parameters and how long it took (ms, as TypeORM timed it). */
export interface Statement {
  sql: string;
  parameters: unknown[];
  ms: number;
}

/**
 * Records the statements the API's data source runs while `during` runs (TypeORM's slow-query hook with a 1 ms
 * threshold), then puts the data source back as it was. Statements under 1 ms are not recorded.
 */
export async function captureStatements(ds: DataSource, during: () => Promise<unknown>): Promise<Statement[]> {
  const options = ds.options as { maxQueryExecutionTime?: number };
  const before = { logger: ds.logger, max: options.maxQueryExecutionTime };
  const seen: Statement[] = [];
  const quiet = () => undefined;
  const capturing: Logger = {
    logQuery: quiet, logQueryError: quiet, logSchemaBuild: quiet, logMigration: quiet, log: quiet,
    logQuerySlow: (ms: number, sql: string, parameters?: unknown[], _qr?: QueryRunner) => void seen.push({ sql, parameters: parameters ?? [], ms }),
  };
  (ds as { logger: Logger }).logger = capturing;
  options.maxQueryExecutionTime = 0.5;
  try {
    await during();
  } finally {
    (ds as { logger: Logger }).logger = before.logger;
    options.maxQueryExecutionTime = before.max;
  }
  return seen;
}

/** EXPLAIN (ANALYZE, BUFFERS) of a captured statement, as text. */
export async function explain(ds: DataSource, s: Statement): Promise<string> {
  const rows: Array<Record<string, string>> = await ds.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.parameters as unknown[]);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}
