import { RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { Logger } from '../../../../libs/config/src';

/** Probes and the web UI's files: routine when they succeed, so only at debug. */
const ROUTINE = /^\/(health|metrics)(\/|$)|^\/(?!api(\/|-|$))/;

const pathOf = (url: string | undefined) => (url ?? '').split('?')[0];

/** The request line's level: an outage or defect stands out, a routine probe or asset stays out of the way. */
export function requestLogLevel(path: string, status: number): 'warn' | 'info' | 'debug' {
  if (status >= 500) return 'warn';
  if (status < 400 && ROUTINE.test(path)) return 'debug';
  return 'info';
}

/**
 * nestjs-pino's request logs: one line per request, when it is answered, with the method, the path (no query
 * string), the status, the time taken and the request id `assignRequestId` gave it (the X-Request-Id answered).
 * No bodies, no headers; the Authorization header and cookies are redacted should a serializer ever let them in.
 */
export function requestLogParams(logger: Logger): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      logger,
      genReqId: (req: IncomingMessage & { id?: unknown }) => (typeof req.id === 'string' ? req.id : String(req.id ?? '')),
      customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, path: pathOf(req.url) }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
      customLogLevel: (req: IncomingMessage, res: ServerResponse, err?: Error) => (err ? 'warn' : requestLogLevel(pathOf(req.url), res.statusCode)),
      customSuccessMessage: (req: IncomingMessage, res: ServerResponse) => `${req.method} ${pathOf(req.url)} ${res.statusCode}`,
      customErrorMessage: (req: IncomingMessage, res: ServerResponse) => `${req.method} ${pathOf(req.url)} ${res.statusCode}`,
      // Anything logged through nestjs-pino's PinoLogger during a request carries its request id, not the whole request.
      quietReqLogger: true,
    },
  };
}
