import type { WebhookFormat } from '../../libs/config/src/config';

export interface WebhookMessage {
  deliveryId: string;
  eventKey: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  recipients: string[];
  /** The robot message, when composed from the notice's code (project, unit, deadline, how late, level, link). */
  markdown?: string;
  code?: string | null;
  params?: Record<string, unknown> | null;
  link?: string;
  locale?: string;
}

/** The body a work-chat robot (DingTalk, WeCom) or a plain JSON receiver expects. */
export function webhookPayload(format: WebhookFormat, m: WebhookMessage): Record<string, unknown> {
  // Robots cap a message at about 4 KB (WeCom) to 20 KB (DingTalk): long bodies are cut.
  const body = m.body.length > 1500 ? `${m.body.slice(0, 1500)}…` : m.body;
  const text = m.markdown ?? `### ${m.title}\n\n${body}${m.recipients.length ? `\n\n> ${m.recipients.slice(0, 50).join('、')}` : ''}`;
  switch (format) {
    case 'dingtalk':
      return { msgtype: 'markdown', markdown: { title: m.title, text }, at: { isAtAll: false } };
    case 'wecom':
      return { msgtype: 'markdown', markdown: { content: text } };
    case 'json':
      return {
        id: m.deliveryId, eventKey: m.eventKey, kind: m.kind, title: m.title, body: m.body, recipients: m.recipients, data: m.data,
        ...(m.code ? { code: m.code, params: m.params ?? {} } : {}), ...(m.link ? { link: m.link } : {}), ...(m.locale ? { locale: m.locale } : {}),
      };
  }
}

export class WebhookError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'WebhookError';
  }
}

/** Posts the payload; non-2xx answers and robots' non-zero errcode are failures (4xx other than 408/429 permanent). */
export async function postWebhook(url: string, format: WebhookFormat, m: WebhookMessage, timeoutMs = 10_000): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': m.deliveryId },
      body: JSON.stringify(webhookPayload(format, m)),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new WebhookError(`${redactUrl(url)}: ${(err as Error).message}`, false);
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) {
    throw new WebhookError(`${redactUrl(url)} answered HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`, res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429);
  }
  if (format !== 'json') {
    let errcode = 0;
    let errmsg = '';
    try {
      ({ errcode = 0, errmsg = '' } = JSON.parse(text) as { errcode?: number; errmsg?: string });
    } catch {
      /* a robot that does not answer JSON accepted the message */
    }
    if (errcode !== 0) throw new WebhookError(`${redactUrl(url)} refused the message: errcode ${errcode} ${errmsg}`, false);
  }
}

/** The endpoint without its query (robots carry their access token there). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
