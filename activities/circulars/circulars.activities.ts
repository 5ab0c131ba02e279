import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { seriesKey } from '../../libs/domain/src/targets/series';
import { buildCircularContent, CircularContent, circularYear } from './circular.content';
import { CircularActivities, IssuedCircular } from './circulars.activities.interface';

const UNIQUE_VIOLATION = '23505';

/** Numbered circulars on PostgreSQL. */
export function createCircularActivities(ds: DataSource): CircularActivities {
  const issued = async (row: Record<string, any>): Promise<IssuedCircular> => {
    const content = row.content as CircularContent;
    const recipients: Array<{ id: string }> = await ds.query(
      `SELECT id FROM users WHERE role = 'leader'
       UNION SELECT p.owner_user_id FROM projects p WHERE p.plan_id = $1 AND p.closed_at IS NULL
       UNION SELECT u.id FROM users u JOIN projects p ON p.lead_unit_id = u.unit_id WHERE p.plan_id = $1 AND p.closed_at IS NULL AND u.is_unit_head`,
      [row.plan_id],
    );
    return {
      id: row.id, planId: row.plan_id, year: row.year, number: row.number, title: row.title,
      summary:
        `${content.redYellow.filter((p) => p.status === 'red').length} red and ${content.redYellow.filter((p) => p.status === 'yellow').length} yellow projects, ` +
        `${content.missingReports.length} missing reports, ${content.rectifications.length} open rectification items. ` +
        `Ranking: ${content.ranking.map((u) => `${u.rank}. ${u.unitName}`).join(', ') || 'no units'}.`,
      recipientUserIds: recipients.map((r) => r.id),
    };
  };
  const existing = async (issueKey: string) => (await ds.query('SELECT * FROM circulars WHERE issue_key = $1', [issueKey]))[0];

  return {
    async issueCircular(input): Promise<IssuedCircular> {
      const found = await existing(input.issueKey);
      if (found) return issued(found);
      try {
        const row = await ds.transaction(async (tx) => {
          const [plan] = await tx.query('SELECT id, time_zone, owner_unit_id, series_scope FROM plans WHERE id = $1', [input.planId]);
          if (!plan) throw new Error(`No plan ${input.planId}`);
          const year = circularYear(input.issuedAt, plan.time_zone);
          const series = seriesKey(plan.series_scope, { planId: plan.id, issuingUnitId: plan.owner_unit_id, year });
          // The series row is locked until commit: numbers are taken in order, and a rollback gives the number back.
          // A series continued from paper starts at its set number; after that each number is the last plus one.
          const [{ last_number: number }] = await tx.query(
            `INSERT INTO circular_series (key, last_number) VALUES ($1, 1)
             ON CONFLICT (key) DO UPDATE SET last_number = coalesce(circular_series.last_number + 1, circular_series.starts_at, 1) RETURNING last_number`,
            [series],
          );
          const content = await buildCircularContent(tx, { planId: input.planId, year, number, issuedAt: input.issuedAt, roundId: input.roundId, filter: input.filter });
          const [inserted] = await tx.query(
            `INSERT INTO circulars (id, plan_id, year, number, issue_key, round_id, title, issued_at, issued_by, content, series_key)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
            [randomUUID(), input.planId, year, number, input.issueKey, input.roundId ?? null, content.title, input.issuedAt, input.issuedBy ?? null, JSON.stringify(content), series],
          );
          if (input.roundId) await tx.query('UPDATE dispatch_rounds SET circular_id = $2 WHERE id = $1', [input.roundId, inserted.id]);
          return inserted;
        });
        return issued(row);
      } catch (err) {
        // Two attempts with one key raced: the loser's transaction (and its number) rolled back; the winner's stands.
        if ((err as { code?: string }).code === UNIQUE_VIOLATION) {
          const winner = await existing(input.issueKey);
          if (winner) return issued(winner);
        }
        throw err;
      }
    },
  };
}
