import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

type Row = Record<string, any>;

/** Conditions on notification_deliveries, joined with AND, parameters numbered from $1. */
export interface DeliveryFilter {
  where: string[];
  params: unknown[];
}

/** The in-app inbox and the email/webhook deliveries of notices. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly ds: DataSource) {}

  async inbox(userId: string, unreadOnly: boolean, page: number, pageSize: number): Promise<{ rows: Row[]; total: number; unread: number }> {
    const where = `recipient_user_id = $1 AND channel = 'inbox'${unreadOnly ? ' AND read_at IS NULL' : ''}`;
    const rows = await this.ds.query(`SELECT * FROM notifications WHERE ${where} ORDER BY created_at, id LIMIT $2 OFFSET $3`, [userId, pageSize, (page - 1) * pageSize]);
    const [{ total, unread }] = await this.ds.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread FROM notifications WHERE recipient_user_id = $1 AND channel = 'inbox'`,
      [userId],
    );
    return { rows, total, unread };
  }

  /** The notification as read now (or when first read); undefined when it is not in this user's inbox. */
  async markRead(id: string, userId: string): Promise<Row | undefined> {
    // An UPDATE answers [rows, affected count].
    const [rows]: [Row[], number] = await this.ds.query(`UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND recipient_user_id = $2 RETURNING *`, [id, userId]);
    return rows[0];
  }

  async notification(id: string): Promise<{ dedupe_key: string; recipient_user_id: string } | undefined> {
    const [n] = await this.ds.query('SELECT dedupe_key, recipient_user_id FROM notifications WHERE id = $1', [id]);
    return n;
  }

  async deliveries(f: DeliveryFilter, page: number, pageSize: number): Promise<{ rows: Row[]; total: number }> {
    const sql = f.where.length ? `WHERE ${f.where.join(' AND ')}` : '';
    const rows = await this.ds.query(`SELECT * FROM notification_deliveries ${sql} ORDER BY created_at, id LIMIT $${f.params.length + 1} OFFSET $${f.params.length + 2}`, [
      ...f.params, pageSize, (page - 1) * pageSize,
    ]);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM notification_deliveries ${sql}`, f.params);
    return { rows, total };
  }
}
