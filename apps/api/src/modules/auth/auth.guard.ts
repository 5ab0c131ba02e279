import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '../../../../../libs/persistence/src/entities/user.entity';
import { Caller, PUBLIC_ROUTE, ROLES_KEY } from '../../common/auth';
import { ForbiddenError, UnauthorizedError } from '../../common/errors';

/** Every route needs a valid bearer token unless marked @Public(); @Roles narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
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
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(caller.role)) throw new ForbiddenError(`This needs one of the roles: ${roles.join(', ')}`);
    return true;
  }
}
