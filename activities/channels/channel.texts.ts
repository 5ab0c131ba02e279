import { DataSource } from 'typeorm';
import { loadCalendar } from '../calendar/calendar.store';
import { DEFAULT_LOCALE, isLocale, Locale, MessageParams, RenderContext, renderMessage } from '../../libs/i18n/src';

/** A recorded delivery as the channels need it. */
export interface DeliveryRow {
  id: string;
  channel: 'email' | 'webhook';
  recipient_user_id: string | null;
  kind: string;
  title: string;
  body: string;
  data: Record<string, any> | null;
  code: string | null;
  params: MessageParams | null;
}

/** What one channel message says, in its recipient's language. */
export interface ComposedMessage {
  locale: Locale;
  title: string;
  body: string;
  /** Labelled facts: project, lead unit, deadline, how late, escalation level. */
  facts: string[];
  link?: string;
  /** Plain-text e-mail body. */
  text: string;
  /** Markdown for DingTalk and WeCom robots. */
  markdown: string;
}

const ROBOT_BODY_LIMIT = 1500;

/**
 * Renders a delivery at send time: the recipient's language (their setting; webhooks, read by a group, in the
 * product's default zh-CN), the plan's time zone and calendar, and a link to the project in the web UI.
 * Deliveries recorded before codes keep their stored title and body.
 */
export async function composeMessage(ds: DataSource, d: DeliveryRow, publicUrl?: string, now = Date.now()): Promise<ComposedMessage> {
  let locale: Locale = DEFAULT_LOCALE;
  if (d.recipient_user_id) {
    const [u] = await ds.query('SELECT locale FROM users WHERE id = $1', [d.recipient_user_id]);
    if (isLocale(u?.locale)) locale = u.locale;
  }
  const projectId: string | undefined = d.data?.projectId;
  const [project] = projectId
    ? await ds.query('SELECT p.id, p.name, p.policy, u.name AS unit_name FROM projects p JOIN units u ON u.id = p.lead_unit_id WHERE p.id = $1', [projectId])
    : [];
  const ctx: RenderContext = { locale, now, zone: project?.policy?.timeZone, calendar: project?.policy?.calendar === 'natural' ? 'natural' : 'workdays' };
  if (ctx.calendar === 'workdays') ctx.calendarData = await loadCalendar(ds);
  const params: MessageParams = { ...(d.params ?? {}) };
  const say = (code: string, extra: MessageParams = {}) => renderMessage(code, { ...params, ...extra }, ctx) ?? '';
  const title = (d.code && renderMessage(`${d.code}.title`, params, ctx)) || d.title;
  const body = (d.code && renderMessage(`${d.code}.body`, params, ctx)) || d.body;

  const facts: string[] = [];
  if (project) facts.push(say('channel.project', { project: project.name }), say('channel.unit', { unit: project.unit_name }));
  if (typeof params.dueAt === 'string') {
    facts.push(say('channel.deadline'));
    facts.push(Date.parse(params.dueAt) <= now ? say('channel.late') : say('channel.left'));
  }
  if (typeof params.level === 'number' && params.level > 0) facts.push(say('channel.level'));
  const link = project && publicUrl ? `${publicUrl.replace(/\/+$/, '')}/projects/${project.id}` : undefined;
  const recipients: string[] = Array.isArray(d.data?.recipients) ? d.data!.recipients.slice(0, 50) : [];

  const signature = say('channel.signature');
  const text = [body, '', ...facts, ...(link ? [`${say('channel.link')}${locale === 'en' ? ': ' : '：'}${link}`] : []), '', signature].join('\n');
  const shortBody = body.length > ROBOT_BODY_LIMIT ? `${body.slice(0, ROBOT_BODY_LIMIT)}…` : body;
  const markdown = [
    `### ${title}`,
    '',
    shortBody,
    '',
    ...facts.map((f) => `- ${f}`),
    ...(link ? ['', `[${say('channel.link')}](${link})`] : []),
    ...(recipients.length && d.channel === 'webhook' ? ['', `> ${say('channel.recipients', { names: recipients.join('、') })}`] : []),
  ].join('\n');
  return { locale, title, body, facts, link, text, markdown };
}
