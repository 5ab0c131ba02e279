import { createHash } from 'node:crypto';
import { createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { InvalidInputError } from './errors';
import { IdempotencyRepository } from './idempotency.repository';

/** A stable UUID (v5 layout) from a name: the same Idempotency-Key always names the same new resource. */
export function uuidFromName(name: string): string {
  const h = createHash('sha1').update(name).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** JSON with object keys sorted, so that the same request written in another key order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}

const KEY_PATTERN = /^[A-Za-z0-9._:\-]{1,200}$/;

/** A write's idempotency: the caller's key (if any) and the scope it is unique in (caller, method, route with its ids). */
export interface Idempotent {
  scope: string;
  key: string | undefined;
}

export function validateIdempotencyKey(key: unknown): string | undefined {
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    throw new InvalidInputError('Idempotency-Key must be 1–200 letters, digits or ._:-', [{ field: 'header.Idempotency-Key', message: 'invalid', code: 'field.idempotency-key' }]);
  }
  return key;
}

type Req = { headers: Record<string, unknown>; method: string; path: string; route?: { path?: string }; params: Record<string, string>; caller: { userId: string } };

/**
 * The Idempotency-Key header of a write, checked, with its scope derived from the route: one key names one
 * request of one caller on one resource. Documents the header on the operation.
 */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Idempotent => {
    const req = ctx.switchToHttp().getRequest<Req>();
    const path = String(req.route?.path ?? req.path).replace(/:(\w+)/g, (_m, name: string) => req.params[name]);
    return { scope: `${req.caller.userId}:${req.method} ${path}`, key: validateIdempotencyKey(req.headers['idempotency-key']) };
  },
  [
    (target: object, key?: string | symbol) => {
      const description = 'Repeating a request with the same key replays the first answer; the same key with another body is refused';
      ApiHeader({ name: 'Idempotency-Key', required: false, description })(target, key!, Object.getOwnPropertyDescriptor(target, key!)!);
    },
  ],
);

/** Replays the first answer to a repeated request; a key reused with another body is refused. */
@Injectable()
export class IdempotencyService {
  constructor(private readonly keys: IdempotencyRepository) {}

  async run<T>({ scope, key }: Idempotent, body: unknown, statusCode: number, action: (requestId: string) => Promise<T>): Promise<T> {
    if (!key) return action(uuidFromName(`${scope}:${Date.now()}:${Math.random()}`));
    const hash = requestHash(body);
    const first = await this.keys.find<T>(scope, key);
    if (first) {
      if (first.requestHash !== hash) {
        throw new InvalidInputError('This Idempotency-Key was already used with a different request', [{ field: 'header.Idempotency-Key', message: 'reused with another body', code: 'field.idempotency-reused' }]);
      }
      return first.response;
    }
    // The workflow also dedupes by this id, so a crash between the action and the record below repeats nothing.
    const result = await action(uuidFromName(`${scope}:${key}`));
    await this.keys.record(scope, key, hash, statusCode, result);
    return result;
  }
}
