import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Caller } from '../../common/auth';
import { UnauthorizedError } from '../../common/errors';
import type { TokenClaims } from './auth.service';
import { CallerLoader } from './caller.loader';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Turns an Authorization header into the caller it names, as the database has it now; 401 otherwise. */
@Injectable()
export class TokenAuthenticator {
  constructor(
    private readonly jwt: JwtService,
    private readonly callers: CallerLoader,
  ) {}

  /** The caller as the database has it now, or 401. */
  async authenticate(header: string | undefined): Promise<Caller & { mustChangePassword: boolean }> {
    // The scheme name is case-insensitive (RFC 9110 §11.1).
    const token = /^Bearer +(\S+)\s*$/i.exec(header ?? '')?.[1];
    if (!token) throw new UnauthorizedError('A bearer token is required: POST /api/auth/login');
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { algorithms: ['HS256'] });
    } catch (err) {
      throw new UnauthorizedError((err as Error).name === 'TokenExpiredError' ? 'The token has expired: sign in again' : 'The token is not valid');
    }
    if (typeof claims.sub !== 'string' || !UUID.test(claims.sub) || !Number.isInteger(claims.ver) || typeof claims.jti !== 'string' || claims.jti.length > 100) {
      throw new UnauthorizedError('The token is not valid: sign in again');
    }
    const user = await this.callers.load(claims.sub, claims.jti);
    if (!user) throw new UnauthorizedError('The account of this token no longer exists');
    if (user.revoked || user.tokenVersion !== claims.ver) throw new UnauthorizedError('The token was signed out: sign in again');
    return {
      userId: user.id, username: user.username, role: user.role, unitId: user.unitId, unitPath: user.unitPath,
      tokenId: claims.jti, tokenExpiresAt: claims.exp, locale: user.locale, mustChangePassword: user.mustChangePassword,
    };
  }
}
