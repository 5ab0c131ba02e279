import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, throwError, timeout } from 'rxjs';
import type { AppConfig } from '../../../../libs/config/src';
import { DependencyUnavailableError } from './outage';
import { APP_CONFIG } from './tokens';
import { waitMillis } from './wait';

/** No request hangs: past the wait bound (plus a margin for the work around the waits) it answers 503. */
@Injectable()
export class RequestTimeoutInterceptor implements NestInterceptor {
  private readonly bound: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.bound = waitMillis(config) + 2000;
  }

  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const seconds = Math.round(this.bound / 1000);
    return next.handle().pipe(
      timeout({
        first: this.bound,
        with: () => throwError(() => new DependencyUnavailableError('request', `No answer within ${seconds} s: PostgreSQL or Temporal is slow; it may still be applied: retry with the same Idempotency-Key`)),
      }),
    );
  }
}
