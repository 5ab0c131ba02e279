import type { MessageParams } from '../../../../libs/i18n/src';
import { AppError } from './errors';

/** Too many requests: 429 with the seconds to wait in Retry-After. */
export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    code = 'error.rate-limited',
    params: MessageParams = {},
  ) {
    super(429, message, undefined, code, { seconds: retryAfterSeconds, ...params });
  }
}

/**
 * Fixed windows counted in this process's memory: enough to stop one client from flooding one API process.
 * Limits that must hold across processes (sign-in failures) are counted in the database instead.
 */
export class WindowCounter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one more for `key`; returns the seconds to wait when that is over the limit (and does not count it). */
  take(key: string, now = Date.now()): number | undefined {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.windows.size > 50_000) this.prune(now);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    if (w.count >= this.limit) return Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
    w.count += 1;
    return undefined;
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
