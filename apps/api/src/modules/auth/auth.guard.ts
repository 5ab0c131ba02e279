import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AppConfig } from '../../../../../libs/config/src';
import { EXPOSURE_KEY, PASSWORD_CHANGE_EXEMPT } from '../../common/auth';
import { ForbiddenError, NotFoundError } from '../../common/errors';
import { APP_CONFIG } from '../../common/tokens';
import { AccessPolicy } from '../../policy/access.policy';
import type { Rule } from '../../policy/access.rules';
import { POLICY_RULE } from '../../policy/policy.decorator';
import { TokenAuthenticator } from './token.authenticator';

/**
 * Every route names its access rule (@Policy); all but public ones need a valid bearer token and a role the
 * rule allows. The token only names a user and a token version: role and unit come from the database on
 * every request (briefly cached), so a removed user, a changed role, a signed-out token or a bumped version
 * is refused at once. Until a forced password change is done only the routes marked for it answer (403
 *
 * error.password-change-required); /metrics and the API docs follow METRICS_ACCESS and API_DOCS_ACCESS. Writes
 * are limited per caller by the `writes` throttler (WriteThrottlerGuard), which runs after this guard.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenAuthenticator,
    @Inject(Reflector) private readonly reflector: Reflector,
    private readonly policy: AccessPolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.get<Rule | undefined>(POLICY_RULE, ctx.getHandler());
    // A defect, not the caller's fault: a route without a rule never answers.
    if (!rule) throw new Error(`${ctx.getClass().name}.${ctx.getHandler().name} has no @Policy rule`);
    const req = ctx.switchToHttp().getRequest();
    const exposure = this.reflector.get<'metrics' | 'apiDocs' | undefined>(EXPOSURE_KEY, ctx.getHandler());
    if (exposure) {
      if (this.config.exposure[exposure] === 'open') return true;
      if (this.config.exposure[exposure] === 'off') throw new NotFoundError('Not found');
      const caller = await this.tokens.authenticate(req.headers.authorization);
      if (caller.role !== 'admin') throw new ForbiddenError('Only an admin may read this', 'error.admin-only');
      req.caller = caller;
      return true;
    }
    if (rule === 'public') return true;
    const caller = await this.tokens.authenticate(req.headers.authorization);
    req.caller = caller;
    if (caller.mustChangePassword && !this.reflector.get<boolean>(PASSWORD_CHANGE_EXEMPT, ctx.getHandler())) {
      throw new ForbiddenError('Change the password first: POST /api/auth/password', 'error.password-change-required');
    }
    this.policy.allowRoute(caller, rule);
    return true;
  }
}
