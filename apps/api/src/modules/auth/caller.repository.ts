import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The user a token names, with its unit's path, and whether this token was signed out. */
@Injectable()
export class CallerRepository {
  constructor(private readonly ds: DataSource) {}

  async caller(userId: string, tokenId: string): Promise<Record<string, any> | undefined> {
    const [row] = await this.ds.query(
      `SELECT u.id, u.username, u.role, u.unit_id, un.path, u.token_version, u.must_change_password, u.locale,
              EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.jti = $2) AS revoked
         FROM users u LEFT JOIN units un ON un.id = u.unit_id WHERE u.id = $1`,
      [userId, tokenId],
    );
    return row;
  }
}
