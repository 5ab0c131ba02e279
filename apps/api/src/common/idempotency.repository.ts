import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The first answer to each keyed write, kept so that a repeat replays it. */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly ds: DataSource) {}

  async find<T>(scope: string, key: string): Promise<{ requestHash: string; response: T } | undefined> {
    const [row]: Array<{ request_hash: string; response: T }> = await this.ds.query('SELECT request_hash, response FROM idempotency_keys WHERE scope = $1 AND key = $2', [scope, key]);
    return row && { requestHash: row.request_hash, response: row.response };
  }

  /** Keeps the answer; a concurrent first answer already kept wins. */
  async record(scope: string, key: string, requestHash: string, statusCode: number, response: unknown): Promise<void> {
    await this.ds.query(`INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, [
      scope, key, requestHash, statusCode, JSON.stringify(response),
    ]);
  }
}
