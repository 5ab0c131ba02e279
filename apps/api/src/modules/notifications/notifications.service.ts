import { Injectable } from '@nestjs/common';
import { Caller } from '../../common/auth';
import { NotFoundError } from '../../common/errors';
import { deliveryView, InboxQueryDto, ListDeliveriesQueryDto, notificationView } from './notifications.dto';
import { DeliveryFilter, NotificationsRepository } from './notifications.repository';

/** Each user's inbox; where email and webhook notices stand (coordinators and admins see all, others their own). */
@Injectable()
export class NotificationsService {
  constructor(private readonly notifications: NotificationsRepository) {}

  async inbox(caller: Caller, q: InboxQueryDto) {
    const { rows, total, unread } = await this.notifications.inbox(caller.userId, !!q.unread, q.page, q.pageSize);
    return { items: rows.map(notificationView), page: q.page, pageSize: q.pageSize, total, unread };
  }

  async markRead(caller: Caller, id: string) {
    const row = await this.notifications.markRead(id, caller.userId);
    if (!row) throw new NotFoundError(`No notification ${id} in your inbox`, 'id');
    return notificationView(row);
  }

  /** Email and webhook deliveries: state, attempts and the last error of each. */
  async deliveries(caller: Caller, q: ListDeliveriesQueryDto & { notificationId?: string }) {
    const f: DeliveryFilter = { where: [], params: [] };
    const add = (sql: (i: number) => string, v: unknown) => {
      f.params.push(v);
      f.where.push(sql(f.params.length));
    };
    if (q.notificationId) {
      const n = await this.notifications.notification(q.notificationId);
      if (!n || (n.recipient_user_id !== caller.userId && !['coordinator', 'admin'].includes(caller.role))) throw new NotFoundError(`No notification ${q.notificationId}`, 'id');
      add((i) => `event_key = $${i}`, String(n.dedupe_key).replace(/:[^:]+:inbox$/, ''));
      add((i) => `(channel = 'webhook' OR recipient_user_id = $${i})`, n.recipient_user_id);
    } else if (!['coordinator', 'admin'].includes(caller.role)) {
      add((i) => `recipient_user_id = $${i}`, caller.userId);
    }
    if (q.eventKey) add((i) => `event_key = $${i}`, q.eventKey);
    if (q.channel) add((i) => `channel = $${i}`, q.channel);
    if (q.state) add((i) => `state = $${i}`, q.state);
    const { rows, total } = await this.notifications.deliveries(f, q.page, q.pageSize);
    return { items: rows.map(deliveryView), page: q.page, pageSize: q.pageSize, total };
  }
}
