import { createHash } from 'node:crypto';
import { activityInfo, ApplicationFailure, getClient } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { deliveryWorkflowId } from '../../libs/contracts/src';
import type { AppConfig } from '../../libs/config/src/config';
import { deliveryWorkflow } from '../../workflows/shared/delivery.workflow';
import { ChannelActivities, FanOutInput, NoticeInput } from './channels.activities.interface';
import { EmailSender } from './email';
import { postWebhook, WebhookError } from './webhook';
import { codeNotice } from '../notifications/notice-text';
import { composeMessage } from './channel.texts';

type Channels = AppConfig['channels'];

/** Telling users: the inbox row and one delivery per configured channel, each written once whatever is retried. */
export interface Notifier {
  notifyUsers(input: NoticeInput): Promise<number>;
  /** Email to every recipient with an address and one message per webhook endpoint; starts each delivery's workflow. */
  fanOut(input: FanOutInput): Promise<number>;
}

/** A webhook endpoint's stable name: the same URL is the same recipient after a restart or a reordered list. */
export const webhookRecipient = (url: string) => `webhook-${createHash('sha1').update(url).digest('hex').slice(0, 12)}`;

export function createNotifier(ds: DataSource, channels: Channels): Notifier {
  const notifier: Notifier = {
    async notifyUsers(input) {
      const n = { ...input, ...(await codeNotice(ds, input)) };
      let created = 0;
      for (const userId of new Set(n.recipientUserIds)) {
        const rows = await ds.query(
          `INSERT INTO notifications (dedupe_key, recipient_user_id, channel, project_id, kind, level, title, body, data, code, params)
           VALUES ($1, $2, 'inbox', $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
          [`${n.eventKey}:${userId}:inbox`, userId, n.projectId ?? null, n.kind, n.level ?? null, n.title, n.body, JSON.stringify(n.data ?? {}),
            n.code ?? null, n.code ? JSON.stringify(n.params ?? {}) : null],
        );
        created += rows.length;
      }
      await notifier.fanOut({ ...n, data: { ...(n.data ?? {}), ...(n.projectId ? { projectId: n.projectId } : {}) } });
      return created;
    },

    async fanOut(n) {
      if (!channels.smtpUrl && channels.webhooks.length === 0) return 0;
      const ids = [...new Set(n.recipientUserIds)];
      const users: Array<{ id: string; email: string | null; display_name: string }> = ids.length
        ? await ds.query('SELECT id, email, display_name FROM users WHERE id = ANY($1::uuid[]) ORDER BY display_name', [ids])
        : [];
      const wanted: Array<{ channel: 'email' | 'webhook'; recipient: string; userId: string | null; address: string; format: string }> = [];
      if (channels.smtpUrl) {
        for (const u of users) if (u.email) wanted.push({ channel: 'email', recipient: u.id, userId: u.id, address: u.email, format: 'email' });
      }
      for (const w of channels.webhooks) wanted.push({ channel: 'webhook', recipient: webhookRecipient(w.url), userId: null, address: w.url, format: w.format });
      const data = { ...(n.data ?? {}), recipients: users.map((u) => u.display_name) };
      let started = 0;
      for (const d of wanted) {
        const key = `${n.eventKey}:${d.recipient}:${d.channel}`;
        await ds.query(
          `INSERT INTO notification_deliveries (delivery_key, event_key, channel, recipient, recipient_user_id, address, format, kind, title, body, data, code, params)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (delivery_key) DO NOTHING`,
          [key, n.eventKey, d.channel, d.recipient, d.userId, d.address, d.format, n.kind, n.title, n.body, JSON.stringify(data),
            n.code ?? null, n.code ? JSON.stringify(n.params ?? {}) : null],
        );
        const [row] = await ds.query('SELECT id, state FROM notification_deliveries WHERE delivery_key = $1', [key]);
        if (row.state === 'delivered' || row.state === 'failed') continue;
        // The workflow id is the delivery's: a retried fan-out finds it started and starts nothing.
        try {
          await getClient().workflow.start(deliveryWorkflow, {
            workflowId: deliveryWorkflowId(row.id), taskQueue: activityInfo().taskQueue, args: [row.id],
            workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          });
          started += 1;
        } catch (err) {
          if (!(err instanceof WorkflowExecutionAlreadyStartedError) && !/already (started|exists)/i.test((err as Error).message)) throw err;
        }
      }
      return started;
    },
  };
  return notifier;
}

/** `publicUrl`: the web UI's address (PUBLIC_URL), for links to the project in e-mails and work-chat messages. */
export function createChannelActivities(ds: DataSource, channels: Channels, publicUrl?: string): ChannelActivities {
  const notifier = createNotifier(ds, channels);
  const email = channels.smtpUrl ? new EmailSender(channels.smtpUrl, channels.smtpFrom) : undefined;
  const mailDomain = /@([^>\s]+)/.exec(channels.smtpFrom)?.[1] ?? 'supervision.local';

  return {
    notifyUsers: (input) => notifier.notifyUsers(input),

    async deliver(deliveryId) {
      // UPDATE … RETURNING answers [rows, count] through TypeORM.
      const [[d]] = await ds.query(
        `UPDATE notification_deliveries SET attempts = attempts + 1, updated_at = now() WHERE id = $1 AND state NOT IN ('delivered','failed') RETURNING *`,
        [deliveryId],
      );
      if (!d) return; // already delivered (or given up): never sent twice
      const m = await composeMessage(ds, d, publicUrl);
      try {
        if (d.channel === 'email') {
          if (!email) throw new SendError('SMTP_URL is not configured any more', true);
          await email.send({ messageId: `<${d.id}@${mailDomain}>`, to: d.address, subject: m.title, text: m.text }).catch((err) => {
            throw new SendError((err as Error).message, EmailSender.isPermanent(err));
          });
        } else {
          await postWebhook(d.address, d.format, {
            deliveryId: d.id, eventKey: d.event_key, kind: d.kind, title: m.title, body: m.body, data: d.data, recipients: d.data?.recipients ?? [],
            markdown: m.markdown, code: d.code, params: d.params, link: m.link, locale: m.locale,
          }).catch((err) => {
            throw new SendError((err as Error).message, err instanceof WebhookError && err.permanent);
          });
        }
      } catch (err) {
        const e = err as SendError;
        await ds.query(`UPDATE notification_deliveries SET state = 'retrying', last_error = $2, updated_at = now() WHERE id = $1 AND state <> 'delivered'`, [deliveryId, e.message]);
        throw ApplicationFailure.create({ type: 'DeliveryFailed', message: e.message, nonRetryable: e.permanent });
      }
      await ds.query(`UPDATE notification_deliveries SET state = 'delivered', delivered_at = now(), updated_at = now() WHERE id = $1`, [deliveryId]);
    },

    async deliveryFailed(deliveryId, error) {
      await ds.query(
        `UPDATE notification_deliveries SET state = 'failed', last_error = $2, updated_at = now() WHERE id = $1 AND state <> 'delivered'`,
        [deliveryId, error.slice(0, 2000)],
      );
    },
  };
}

class SendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}
