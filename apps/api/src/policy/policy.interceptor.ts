import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, Observable } from 'rxjs';
import type { Caller } from '../common/auth';
import { AccessPolicy } from './access.policy';
import { Rule, RULES } from './access.rules';
import { POLICY_RULE } from './policy.decorator';

/** A route whose rule depends on ids and that answered without asking AccessPolicy is a defect: 500, never the data. */
@Injectable()
export class PolicyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly policy: AccessPolicy,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rule = this.reflector.get<Rule | undefined>(POLICY_RULE, ctx.getHandler());
    const caller: Caller | undefined = ctx.switchToHttp().getRequest().caller;
    return next.handle().pipe(
      map((body) => {
        if (rule && RULES[rule].scoped && caller && !this.policy.wasDecided(caller)) {
          throw new Error(`${ctx.getClass().name}.${ctx.getHandler().name} (rule ${rule}) answered without an access decision`);
        }
        return body;
      }),
    );
  }
}
