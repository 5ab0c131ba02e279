import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '../../../../../libs/persistence/src/entities/user.entity';
import { Caller } from '../../common/auth';
import { UnauthorizedError } from '../../common/errors';
import { AccessPolicy } from '../../policy/access.policy';
import type { Rule } from '../../policy/access.rules';
import { POLICY_RULE } from '../../policy/policy.decorator';

/** Every route names its access rule (@Policy); all but public ones need a valid bearer token and a role the rule allows. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    @Inject(Reflector) private readonly reflector: Reflector,
    private readonly policy: AccessPolicy,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.get<Rule | undefined>(POLICY_RULE, ctx.getHandler());
    // A defect, not the caller's fault: a route without a rule never answers.
    if (!rule) throw new Error(`${ctx.getClass().name}.${ctx.getHandler().name} has no @Policy rule`);
    if (rule === 'public') return true;
    const req = ctx.switchToHttp().getRequest();
    const header: string | undefined = req.headers.authorization;
    // The scheme name is case-insensitive (RFC 9110 §11.1).
    const token = /^Bearer +(\S+)\s*$/i.exec(header ?? '')?.[1];
    if (!token) throw new UnauthorizedError('A bearer token is required: POST /api/auth/login');
    let caller: Caller;
    try {
      const claims = await this.jwt.verifyAsync<{ sub: string; username: string; role: Role; unitId: string | null; unitPath: string | null }>(token);
      caller = { userId: claims.sub, username: claims.username, role: claims.role, unitId: claims.unitId, unitPath: claims.unitPath };
    } catch (err) {
      throw new UnauthorizedError((err as Error).name === 'TokenExpiredError' ? 'The token has expired: sign in again' : 'The token is not valid');
    }
    req.caller = caller;
    this.policy.allowRoute(caller, rule);
    return true;
  }
}
