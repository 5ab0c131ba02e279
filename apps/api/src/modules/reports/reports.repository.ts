import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

type Row = Record<string, any>;
/** A report or extension request with the project it belongs to and that project's lead unit path. */
type ScopedRow = Row & { project_id: string; lead_unit_path: string };

/** Reports and extension requests as the read model has them (with the lead unit's path for scope checks). */
@Injectable()
export class ReportsRepository {
  constructor(private readonly ds: DataSource) {}

  async report(id: string): Promise<ScopedRow | undefined> {
    const [r] = await this.ds.query('SELECT r.*, p.lead_unit_path FROM reports r JOIN projects p ON p.id = r.project_id WHERE r.id = $1', [id]);
    return r;
  }

  reportsOf(projectId: string): Promise<Row[]> {
    return this.ds.query('SELECT * FROM reports WHERE project_id = $1 ORDER BY submitted_at', [projectId]);
  }

  async extension(id: string): Promise<ScopedRow | undefined> {
    const [x] = await this.ds.query('SELECT x.*, p.lead_unit_path FROM extension_requests x JOIN projects p ON p.id = x.project_id WHERE x.id = $1', [id]);
    return x;
  }

  extensionsOf(projectId: string): Promise<Row[]> {
    return this.ds.query('SELECT * FROM extension_requests WHERE project_id = $1 ORDER BY requested_at', [projectId]);
  }
}
