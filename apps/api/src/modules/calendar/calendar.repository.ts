import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface CalendarYearRow {
  year: number;
  holidays: string[];
  workdays: string[];
  source: string;
  updated_at: Date;
}

/** The working-day calendar years of each locality, and which projects must hear of a change. */
@Injectable()
export class CalendarRepository {
  constructor(private readonly ds: DataSource) {}

  years(locality: string): Promise<CalendarYearRow[]> {
    return this.ds.query('SELECT year, holidays, workdays, source, updated_at FROM calendar_years WHERE locality = $1 ORDER BY year', [locality]);
  }

  async putYear(locality: string, year: number, holidays: string[], workdays: string[]): Promise<void> {
    await this.ds.query(
      `INSERT INTO calendar_years (locality, year, holidays, workdays, source, updated_at) VALUES ($1, $2, $3, $4, 'admin', now())
       ON CONFLICT (locality, year) DO UPDATE SET holidays = EXCLUDED.holidays, workdays = EXCLUDED.workdays, source = 'admin', updated_at = now()`,
      [locality, year, holidays, workdays],
    );
  }

  async openProjectIds(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.ds.query(`SELECT id FROM projects WHERE status <> 'closed'`);
    return rows.map((r) => r.id);
  }
}
