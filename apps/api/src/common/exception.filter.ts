import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter, HttpException, Inject, Logger, Optional } from '@nestjs/common';
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { STATUS_CODES } from 'node:http';
import { DomainValidationError } from '../../../../libs/domain/src/errors';
import type { AppConfig } from '../../../../libs/config/src';
import { AppError, FieldProblem } from './errors';
import { outageOf, RETRY_AFTER_SECONDS } from './outage';
import { requestIdOf } from './request-id';
import { APP_CONFIG } from './tokens';
import { waitMillis } from './wait';
import { localizeDetails, localizeError, ReaderLocaleService } from './i18n';
import { isFieldReason, Locale, MessageParams, readerLocale } from '../../../../libs/i18n/src';
import { TooManyRequestsError } from './rate-limit';

const NOT_JSON = 'The body is not valid JSON';

type Request = { headers: Record<string, string | string[] | undefined>; body?: unknown };
function unparsedJsonBody(req: Request): boolean {
  const type = String(req.headers['content-type'] ?? '');
  const hasBody = (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') || req.headers['transfer-encoding'] !== undefined;
  return hasBody && /^application\/json\b/i.test(type) && req.body === undefined;
}

const FAILURE_STATUS: Record<string, number> = { ValidationError: 400, NotFound: 404, Conflict: 409 };

/**
 * One error shape for every failure: {statusCode, error, message, details?}. A dependency down or slow is 503
 * with Retry-After and names the dependency; a 500 is a defect, logged with the request id it carries.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('errors');
  private readonly waitSeconds: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Optional() private readonly readers?: ReaderLocaleService,
  ) {
    this.waitSeconds = Math.round(waitMillis(config) / 1000);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse();
    const req = host.switchToHttp().getRequest();
    const described = this.describe(exception, req);
    const { statusCode, message, details } = described;
    const correlationId = requestIdOf(req);
    if (statusCode === 503) {
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      this.logger.warn(`${correlationId} ${message}: ${(exception as Error)?.message ?? String(exception)}`);
    } else if (statusCode >= 500) {
      this.logger.error(`${correlationId} ${(exception as Error)?.stack ?? String(exception)}`);
    }
    if (statusCode === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="api"');
    if (exception instanceof TooManyRequestsError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    // The message follows the caller's language: their setting, else Accept-Language. With a dependency down
    // (503) the setting is not looked up, so the answer never waits on the database.
    const fromHeader = () => readerLocale(null, req?.headers?.['accept-language']);
    const send = (l: Locale) =>
      res.status(statusCode).json({
        statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message: localizeError(described, l),
        ...(described.code ? { code: described.code, params: described.params ?? {} } : {}),
        ...(details?.length ? { details: localizeDetails(details, l) } : {}), ...(statusCode === 500 ? { correlationId } : {}),
      });
    if (!this.readers || statusCode === 503) send(fromHeader());
    else void this.readers.localeOf(req).catch(fromHeader).then(send);
  }

  private describe(e: unknown, req?: Request): { statusCode: number; message: string; details?: FieldProblem[]; code?: string; params?: MessageParams } {
    const outage = outageOf(e, this.waitSeconds);
    if (outage) return { statusCode: 503, message: outage.message };
    if (e instanceof AppError) return { statusCode: e.statusCode, message: e.message, details: e.details, ...(e.code ? { code: e.code, params: e.params } : {}) };
    if (e instanceof DomainValidationError) return { statusCode: 400, message: e.message, details: [{ field: e.field, message: e.message, code: e.code, params: e.params }] };
    if (e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure) {
      const f = e.cause;
      const fields = (f.details ?? []) as Array<{ field?: string; code?: string; params?: MessageParams }>;
      // A refusal's own code (a conflict) says the whole answer; a field reason (`field.*`) says only its field.
      const coded = fields.find((d) => d?.code && !isFieldReason(d.code));
      return {
        statusCode: FAILURE_STATUS[f.type ?? ''] ?? 400,
        message: f.message,
        ...(coded ? { code: coded.code, params: coded.params } : {}),
        details: fields.filter((d) => d?.field).map((d) => ({ field: d.field!, message: f.message, ...(d.code ? { code: d.code, params: d.params ?? {} } : {}) })),
      };
    }
    if (e instanceof WorkflowNotFoundError) return { statusCode: 409, message: 'The project is closed or its workflow is not running' };
    // Nest turns the body parser's SyntaxError into a bare 400; the JSON body that never got parsed tells it apart.
    if (e instanceof BadRequestException && !(e.getResponse() as { details?: unknown }).details && req && unparsedJsonBody(req)) return { statusCode: 400, message: NOT_JSON, details: [{ field: 'body', message: NOT_JSON, code: 'error.body-not-json' }] };
    if (e instanceof HttpException) {
      const body = e.getResponse() as { message?: unknown; details?: FieldProblem[] } | string;
      const message = typeof body === 'string' ? body : Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? e.message);
      return { statusCode: e.getStatus(), message, details: typeof body === 'string' ? undefined : body.details };
    }
    // body-parser errors: malformed JSON, too large, wrong charset.
    const err = e as { status?: number; type?: string; message?: string };
    if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) {
      const message = err.type === 'entity.parse.failed' ? NOT_JSON : err.type === 'entity.too.large' ? 'The body is larger than 256 kB' : err.message ?? 'Bad request';
      const code = err.type === 'entity.parse.failed' ? 'error.body-not-json' : err.type === 'entity.too.large' ? 'error.body-too-large' : undefined;
      return { statusCode: err.status, message, details: err.type?.startsWith('entity.') ? [{ field: 'body', message, ...(code ? { code } : {}) }] : undefined };
    }
    return { statusCode: 500, message: 'Internal error: quote the correlation id when you report it' };
  }
}
