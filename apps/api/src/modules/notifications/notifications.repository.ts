import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Page } from '../../common/dto';
import { paged, where, Where } from '../../common/query';
import type { ListDeliveriesQueryDto } from './notifications.dto';

type Row = Record<string, any>;

/** The in-app inbox and the email/webhook deliveries of notices. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly ds: DataSource) {}

  /** One page of the user's inbox (only the unread, when asked), oldest first, and how many of the whole inbox are unread. */
  async inbox<T>(userId: string, unreadOnly: boolean, page: { page: number; pageSize: number }, view: (row: Row) => T): Promise<Page<T> & { unread: number }> {
    const qb = this.ds.createQueryBuilder().select('*').from('notifications', 'notifications').orderBy('created_at').addOrderBy('id');
    where(qb, [{ sql: `recipient_user_id = :userId AND channel = 'inbox'`, params: { userId } }, unreadOnly && { sql: 'read_at IS NULL' }]);
    const [{ unread }] = await this.ds.query(`SELECT count(*)::int AS unread FROM notifications WHERE recipient_user_id = $1 AND channel = 'inbox' AND read_at IS NULL`, [userId]);
    return { ...(await paged(qb, page, view)), unread };
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

  /** Deliveries within scope (conditions on the unaliased table) matching the query's filters, oldest first. */
  deliveries<T>(scope: Where[], q: ListDeliveriesQueryDto, view: (row: Row) => T): Promise<Page<T>> {
    const qb = this.ds.createQueryBuilder().select('*').from('notification_deliveries', 'notification_deliveries');
    where(qb, [
      ...scope,
      q.eventKey !== undefined && { sql: 'event_key = :eventKey', params: { eventKey: q.eventKey } },
      q.channel !== undefined && { sql: 'channel = :channel', params: { channel: q.channel } },
      q.state !== undefined && { sql: 'state = :state', params: { state: q.state } },
    ]).orderBy('created_at').addOrderBy('id');
    return paged(qb, q, view);
  }
}
