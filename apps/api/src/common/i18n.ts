import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { mergeMap, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { loadCalendar } from '../../../../activities/calendar/calendar.store';
import type { CalendarData } from '../../../../libs/domain/src/calendar';
import { hasMessage, isFieldReason, Locale, MessageParams, readerLocale, RenderContext, renderMessage, renderText } from '../../../../libs/i18n/src';

import type { FieldProblem } from './errors';

type Req = { headers: Record<string, string | string[] | undefined>; caller?: { userId: string; locale?: string | null }; readerLocale?: Locale };

/** How long the working-day calendar is kept for rendering lateness; an admin's edit shows within this. */
const CALENDAR_TTL_MS = 60_000;

/** The reader's language and what is needed to say "how late" in working days. */
@Injectable()
export class ReaderLocaleService {
  private calendar?: { at: number; data: Promise<CalendarData> };

  constructor(private readonly ds: DataSource) {}

  /** The caller's own setting, else the request's Accept-Language, else zh-CN; remembered on the request. */
  async localeOf(req: Req): Promise<Locale> {
    if (req.readerLocale) return req.readerLocale;
    // The caller is loaded with its language (CallerLoader): no query here.
    const own = req.caller?.locale ?? null;
    const accept = req.headers['accept-language'];
    req.readerLocale = readerLocale(own, Array.isArray(accept) ? accept[0] : accept);
    return req.readerLocale;
  }

  calendarData(): Promise<CalendarData> {
    if (!this.calendar || Date.now() - this.calendar.at > CALENDAR_TTL_MS) {
      const data = loadCalendar(this.ds);
      data.catch(() => (this.calendar = undefined));
      this.calendar = { at: Date.now(), data };
    }
    return this.calendar.data;
  }
}

type Json = unknown;
/** Plain JSON objects only: files, streams and dates pass untouched. */
const isObject = (v: Json): v is Record<string, Json> => {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * Adds the rendered text to every coded text in an answer, in the reader's language:
 * - `{code, params}` (status reasons, audit events, circular lines) gets `message`;
 * - a notification `{code, params, title, body}` gets `title` and `body` from `<code>.title` / `<code>.body`.
 * The plan's zone and calendar come from the nearest enclosing `policy`; an audit event's `at` is its "now".
 */
export function renderCodedTexts(value: Json, ctx: RenderContext, calendarData?: CalendarData): Json {
  if (Array.isArray(value)) return value.map((v) => renderCodedTexts(v, ctx, calendarData));
  if (!isObject(value)) return value;
  let inner = ctx;
  const policy = value.policy;
  if (isObject(policy)) {
    inner = { ...inner, zone: typeof policy.timeZone === 'string' ? policy.timeZone : inner.zone, calendar: policy.calendar === 'workdays' || policy.calendar === 'natural' ? policy.calendar : inner.calendar };
    if (inner.calendar === 'workdays' && calendarData) inner = { ...inner, calendarData };
  }
  if (typeof value.type === 'string' && typeof value.at === 'string' && typeof value.seq === 'number') inner = { ...inner, now: Date.parse(value.at) };
  // A notice says how late something was when it was sent.
  if (typeof value.code === 'string' && typeof value.createdAt === 'string' && 'title' in value) inner = { ...inner, now: Date.parse(value.createdAt) };
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(value)) out[k] = renderCodedTexts(v, inner, calendarData);
  if (typeof value.code === 'string' && (value.params === undefined || isObject(value.params) || value.params === null)) {
    const params = (value.params ?? {}) as MessageParams;
    const locale = inner.locale;
    if (hasMessage(`${value.code}.title`, locale) && ('title' in value || 'body' in value)) {
      if (value.params) {
        out.title = renderMessage(`${value.code}.title`, params, inner) ?? value.title;
        out.body = renderMessage(`${value.code}.body`, params, inner) ?? value.body;
      }
    } else if (hasMessage(value.code, locale) || typeof value.message === 'string') {
      out.message = renderText({ code: value.code, params: value.params as MessageParams | null, message: value.message as string | undefined }, inner);
    }
  }
  return out;
}

/** Renders coded texts in every JSON answer in the reader's language (see renderCodedTexts). */
@Injectable()
export class RenderTextsInterceptor implements NestInterceptor {
  constructor(private readonly readers: ReaderLocaleService) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Req>();
    return next.handle().pipe(
      mergeMap(async (body) => {
        if (!hasCodedText(body)) return body;
        const locale = await this.readers.localeOf(req);
        const calendarData = await this.readers.calendarData().catch(() => undefined);
        return renderCodedTexts(body, { locale }, calendarData);
      }),
    );
  }
}

function hasCodedText(value: Json, depth = 0): boolean {
  if (depth > 12) return false;
  if (Array.isArray(value)) return value.some((v) => hasCodedText(v, depth + 1));
  if (!isObject(value)) return false;
  if (typeof value.code === 'string') return true;
  return Object.values(value).some((v) => hasCodedText(v, depth + 1));
}

/** Known English messages of the API's own refusals, by what they mean. */
const KNOWN_ERRORS: Record<string, string> = {
  'The body is not valid JSON': 'error.body-not-json',
  'The body is larger than 256 kB': 'error.body-too-large',
  'A bearer token is required: POST /api/auth/login': 'error.unauthorized',
  'The token has expired: sign in again': 'error.token-expired',
  'The token is not valid': 'error.token-invalid',
  'Wrong username or password': 'error.login-failed',
  'The project is closed or its workflow is not running': 'error.project-closed',
  'The token is not valid: sign in again': 'error.token-invalid',
  'The token was signed out: sign in again': 'error.token-signed-out',
  'The account of this token no longer exists': 'error.account-gone',
};

/**
 * An error's per-field reasons in the caller's language: a coded reason is rendered from its code and params (a
 * `field.*` reason after its field path: "figures.seatsDelivered：须为非负整数，实际填写 -5"), and keeps the code and
 * params for clients; a reason without a code (none should be left) keeps its English text, marked as such.
 */
export function localizeDetails(details: FieldProblem[], locale: Locale): FieldProblem[] {
  return details.map((d) => {
    if (d.code && hasMessage(d.code, locale)) {
      const params = d.params ?? {};
      const reason = renderMessage(d.code, params, { locale })!;
      const message = isFieldReason(d.code) ? renderMessage('field.problem', { field: d.field, reason }, { locale })! : reason;
      return { field: d.field, message, code: d.code, params };
    }
    return { field: d.field, message: locale === 'en' ? d.message : renderMessage('field.invalid', { field: d.field, detail: d.message }, { locale })! };
  });
}

/**
 * An error's `message` in the caller's language; the message names the fields. A failure that carries its own code (a workflow's refusal) is rendered from it. English callers get
 * the precise English message as before.
 */
export function localizeError(
  e: { statusCode: number; message: string; details?: Array<{ field: string }>; code?: string; params?: MessageParams },
  locale: Locale,
): string {
  if (e.code && hasMessage(e.code, locale)) return renderMessage(e.code, e.params ?? {}, { locale }) ?? e.message;
  if (locale === 'en') return e.message;
  const known = KNOWN_ERRORS[e.message];
  if (known) return renderMessage(known, {}, { locale })!;
  const fields = [...new Set((e.details ?? []).map((d) => d.field))].join('、');
  const say = (code: string, params: MessageParams = {}) => renderMessage(code, params, { locale })!;
  if (e.statusCode === 400 || e.statusCode === 422) return fields ? say('error.invalid-input', { fields }) : say('error.invalid-input', { fields: e.message });
  if (e.statusCode === 401) return say('error.unauthorized');
  const roles = /roles?: ([a-z, ]+)$/.exec(e.message)?.[1];
  if (e.statusCode === 403) return roles ? say('error.forbidden-roles', { roles }) : say('error.forbidden');
  if (e.statusCode === 404) return fields ? say('error.not-found', { fields }) : say('error.not-found-plain');
  if (e.statusCode === 409) return say('error.conflict', { detail: e.message });
  if (e.statusCode === 413) return say('error.body-too-large');
  if (e.statusCode === 429) return say('error.too-many-requests');
  if (e.statusCode === 503) return say('error.unavailable', { detail: e.message }); // the dependency stays named
  if (e.statusCode >= 500) return say('error.internal');
  return say('error.other', { status: String(e.statusCode) });
}
