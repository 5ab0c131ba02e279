import { Injectable } from '@nestjs/common';
import { Caller } from '../../common/auth';
import { NotFoundError } from '../../common/errors';
import { Where } from '../../common/query';
import { AccessPolicy } from '../../policy/access.policy';
import { deliveryView, InboxQueryDto, ListDeliveriesQueryDto, notificationView } from './notifications.dto';
import { NotificationsRepository } from './notifications.repository';

/** Each user's inbox; where email and webhook notices stand (coordinators and admins see all, others their own). */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly policy: AccessPolicy,
  ) {}

  async inbox(caller: Caller, q: InboxQueryDto) {
    return this.notifications.inbox(caller.userId, !!q.unread, q, notificationView);
  }

  async markRead(caller: Caller, id: string) {
    const row = await this.notifications.markRead(id, caller.userId);
    if (!row) throw new NotFoundError(`No notification ${id} in your inbox`, 'id');
    return notificationView(row);
  }

  /** Email and webhook deliveries (of one notification, or all the caller may see): state, attempts and the last error of each. */
  async deliveries(caller: Caller, q: ListDeliveriesQueryDto & { notificationId?: string }) {
    let scope: Where[];
    if (q.notificationId) {
      const n = this.policy.notificationDeliveries(caller, await this.notifications.notification(q.notificationId), new NotFoundError(`No notification ${q.notificationId}`, 'id'));
      scope = [
        { sql: 'event_key = :notificationEvent', params: { notificationEvent: String(n.dedupe_key).replace(/:[^:]+:inbox$/, '') } },
        { sql: `(channel = 'webhook' OR recipient_user_id = :notificationRecipient)`, params: { notificationRecipient: n.recipient_user_id } },
      ];
    } else {
      scope = [this.policy.deliveries(caller)];
    }
    return this.notifications.deliveries(scope, q, deliveryView);
  }
}
