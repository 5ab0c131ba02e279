import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** What the probes and the metrics read from PostgreSQL. */
@Injectable()
export class HealthRepository {
  constructor(private readonly ds: DataSource) {}

  async ping(): Promise<void> {
    await this.ds.query('SELECT 1');
  }

  projectsByStatus(): Promise<Array<{ status: string; n: number }>> {
    return this.ds.query('SELECT status, count(*)::int AS n FROM projects GROUP BY status');
  }
}
