import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ImportColumn, ImportUnit, RawRow } from '../../../../../libs/domain/src/imports';

export interface ImportRecord {
  id: string;
  plan_id: string;
  created_by: string;
  file_name: string;
  file_format: string;
  file_sha256: string;
  sheet: string | null;
  headers: Partial<Record<ImportColumn, string>>;
  status: 'preview' | 'confirming' | 'done';
  selected_lines: number[] | null;
  created_at: Date;
  confirmed_at: Date | null;
  finished_at: Date | null;
}
export interface ImportRowRecord {
  line: number;
  row_key: string;
  raw: RawRow;
  draft: Record<string, any>;
  outcome: 'created' | 'existing' | 'failed' | 'invalid' | null;
  project_id: string | null;
  failure: Record<string, unknown> | null;
}

@Injectable()
export class ImportsRepository {
  constructor(readonly ds: DataSource) {}

  async plan(planId: string): Promise<{ id: string; year: number; zone: string } | undefined> {
    const [p] = await this.ds.query(`SELECT id, year, coalesce(policy->>'timeZone', time_zone, 'Asia/Shanghai') AS zone FROM plans WHERE id = $1`, [planId]);
    return p;
  }

  /** Every unit with the owner account that reports for it: its head first, then the earliest. */
  async units(): Promise<Array<ImportUnit & { path: string }>> {
    const rows = await this.ds.query(`SELECT u.id, u.name, u.path,
      (SELECT o.id FROM users o WHERE o.unit_id = u.id AND o.role = 'owner' ORDER BY o.is_unit_head DESC, o.created_at, o.id LIMIT 1) AS owner_user_id
      FROM units u ORDER BY u.path`);
    return rows.map((r: any) => ({ id: r.id, name: r.name, path: r.path, ownerUserId: r.owner_user_id ?? undefined }));
  }

  /** Owner accounts by display name, to find the 责任人 a row names. */
  async owners(): Promise<Array<{ id: string; name: string; path: string }>> {
    return this.ds.query(`SELECT o.id, o.display_name AS name, u.path FROM users o JOIN units u ON u.id = o.unit_id WHERE o.role = 'owner'`);
  }

  async existingKeys(planId: string, keys: string[]): Promise<Map<string, { projectId: string; name: string }>> {
    if (!keys.length) return new Map();
    const rows = await this.ds.query(
      `SELECT k.row_key, k.project_id, p.name FROM plan_import_keys k LEFT JOIN projects p ON p.id = k.project_id WHERE k.plan_id = $1 AND k.row_key = ANY($2)`,
      [planId, keys],
    );
    return new Map(rows.map((r: any) => [r.row_key, { projectId: r.project_id, name: r.name ?? '' }]));
  }

  async insert(rec: Omit<ImportRecord, 'status' | 'selected_lines' | 'created_at' | 'confirmed_at' | 'finished_at'>, rows: Array<Pick<ImportRowRecord, 'line' | 'row_key' | 'raw' | 'draft'>>): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query(`INSERT INTO plan_imports (id, plan_id, created_by, file_name, file_format, file_sha256, sheet, headers) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
        rec.id, rec.plan_id, rec.created_by, rec.file_name, rec.file_format, rec.file_sha256, rec.sheet, JSON.stringify(rec.headers),
      ]);
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500);
        const values = chunk.map((_, j) => `($1, $${j * 4 + 2}, $${j * 4 + 3}, $${j * 4 + 4}, $${j * 4 + 5})`).join(', ');
        await m.query(`INSERT INTO plan_import_rows (import_id, line, row_key, raw, draft) VALUES ${values}`, [
          rec.id, ...chunk.flatMap((r) => [r.line, r.row_key, JSON.stringify(r.raw), JSON.stringify(r.draft)]),
        ]);
      }
    });
  }

  async get(importId: string): Promise<ImportRecord | undefined> {
    const [r] = await this.ds.query(`SELECT * FROM plan_imports WHERE id = $1`, [importId]);
    return r;
  }

  rows(importId: string): Promise<ImportRowRecord[]> {
    return this.ds.query(`SELECT line, row_key, raw, draft, outcome, project_id, failure FROM plan_import_rows WHERE import_id = $1 ORDER BY line`, [importId]);
  }

  /** Corrected drafts are saved and the chosen lines start again; the import is confirming. */
  async startConfirm(importId: string, rows: Array<Pick<ImportRowRecord, 'line' | 'row_key' | 'raw' | 'draft'>>, lines: number[]): Promise<void> {
    await this.ds.transaction(async (m) => {
      for (const r of rows) {
        await m.query(`UPDATE plan_import_rows SET row_key = $3, raw = $4, draft = $5 WHERE import_id = $1 AND line = $2`, [importId, r.line, r.row_key, JSON.stringify(r.raw), JSON.stringify(r.draft)]);
      }
      await m.query(`UPDATE plan_import_rows SET outcome = NULL, project_id = NULL, failure = NULL WHERE import_id = $1 AND line = ANY($2) AND outcome IS DISTINCT FROM 'created'`, [importId, lines]);
      await m.query(`UPDATE plan_imports SET status = 'confirming', selected_lines = $2, confirmed_at = now(), finished_at = NULL WHERE id = $1`, [importId, lines]);
    });
  }

  async setOutcome(importId: string, line: number, outcome: NonNullable<ImportRowRecord['outcome']>, projectId?: string, failure?: Record<string, unknown>): Promise<void> {
    await this.ds.query(`UPDATE plan_import_rows SET outcome = $3, project_id = $4, failure = $5 WHERE import_id = $1 AND line = $2`, [
      importId, line, outcome, projectId ?? null, failure ? JSON.stringify(failure) : null,
    ]);
  }

  /** Records which project a row of the plan became; false when another confirmation got there first. */
  async claimKey(planId: string, rowKey: string, projectId: string, importId: string): Promise<void> {
    await this.ds.query(`INSERT INTO plan_import_keys (plan_id, row_key, project_id, import_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [planId, rowKey, projectId, importId]);
  }


  async finish(importId: string): Promise<void> {
    await this.ds.query(`UPDATE plan_imports SET status = 'done', finished_at = now() WHERE id = $1`, [importId]);
  }
}
