import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as bcrypt from 'bcryptjs';
import { Duration } from 'luxon';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../../../../../libs/config/src';
import { Caller } from '../../common/auth';
import { AppError, UnauthorizedError } from '../../common/errors';
import { TooManyRequestsError } from '../../common/rate-limit';
import { APP_CONFIG } from '../../common/tokens';
import { TokenDto } from './auth.dto';
import { AuthRepository } from './auth.repository';
import { CallerLoader } from './caller.loader';
import { assertAcceptablePassword, assertPasswordFits } from './password-policy';

// Compared against when the user does not exist, so a wrong username costs as long as a wrong password.
const DUMMY_HASH = bcrypt.hashSync('not-a-password', 10);

export const PASSWORD_HASH_ROUNDS = 10;
export const hashPassword = (password: string) => bcrypt.hash(password, PASSWORD_HASH_ROUNDS);

/** What a token says: its user, the user's token version when signed, and its own id (for logout). Never the role. */
export interface TokenClaims {
  sub: string;
  ver: number;
  jti: string;
  exp?: number;
}

@Injectable()
export class AuthService {
  private readonly lockoutMs: number;

  constructor(
    private readonly accounts: AuthRepository,
    private readonly jwt: JwtService,
    private readonly callers: CallerLoader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.lockoutMs = Duration.fromISO(config.auth.loginLockout).as('milliseconds');
  }

  /**
   * Signs in. Every attempt is written to login_attempts (the audit of failed sign-ins); an account with
   * LOGIN_MAX_FAILURES failures since its last success within LOGIN_LOCKOUT is locked until LOGIN_LOCKOUT after
   * the last of them, and an address with LOGIN_ADDRESS_MAX_FAILURES failures within LOGIN_LOCKOUT is throttled:
   * both answer 429 with Retry-After, even to the right password, and are not counted as failures themselves.
   */
  async login(username: string, password: string, address: string): Promise<TokenDto> {
    assertPasswordFits(password, 'password');
    // Decided inside one transaction holding the account's lock; refusals are thrown after the commit so their audit rows stay.
    const outcome = await this.accounts.lockedForLogin(username, async (m) => {
      const since = new Date(Date.now() - this.lockoutMs);
      const byAddress = await this.accounts.failuresFromAddress(m, address, since);
      if (byAddress.n >= this.config.auth.loginAddressMaxFailures) {
        await this.accounts.audit(m, username, address, 'throttled');
        return new TooManyRequestsError('Too many failed sign-ins from this address: try again later', this.retryAfter(byAddress.last!), 'error.login-throttled');
      }
      const byAccount = await this.accounts.failuresOfAccount(m, username, since);
      if (byAccount.n >= this.config.auth.loginMaxFailures) {
        await this.accounts.audit(m, username, address, 'locked');
        return new TooManyRequestsError('This account is locked for a while after repeated wrong passwords: try again later', this.retryAfter(byAccount.last!), 'error.account-locked');
      }
      const user = await this.accounts.findForLogin(m, username);
      const ok = await bcrypt.compare(password, user?.password_hash ?? DUMMY_HASH);
      await this.accounts.audit(m, username, address, !user ? 'unknown_user' : ok ? 'success' : 'wrong_password');
      return user && ok ? user : new UnauthorizedError('Wrong username or password');
    });
    if (outcome instanceof Error) throw outcome;
    return this.issue(outcome.id, outcome.token_version, outcome.must_change_password);
  }

  /** Changes the caller's own password; other sessions end (the token version moves) and a new token is returned. */
  async changePassword(caller: Caller, currentPassword: string, newPassword: string, address: string): Promise<TokenDto> {
    assertPasswordFits(currentPassword, 'currentPassword');
    assertAcceptablePassword(newPassword, caller.username, this.config.auth.passwordMinLength, 'newPassword');
    const hash = await this.accounts.passwordHash(caller.userId);
    if (!hash) throw new UnauthorizedError('The account no longer exists');
    if (!(await bcrypt.compare(currentPassword, hash))) {
      await this.accounts.audit(undefined, caller.username, address, 'wrong_password');
      throw new AppError(400, 'currentPassword: is not the current password', [{ field: 'currentPassword', message: 'is not the current password', code: 'error.password-not-current' }], 'error.password-not-current');
    }
    if (await bcrypt.compare(newPassword, hash)) {
      throw new AppError(400, 'newPassword: must differ from the current password', [{ field: 'newPassword', message: 'must differ from the current password', code: 'error.password-unchanged' }], 'error.password-unchanged');
    }
    const version = await this.accounts.setPassword(caller.userId, await hashPassword(newPassword));
    this.callers.forgetUser(caller.userId);
    return this.issue(caller.userId, version, false);
  }

  /** Ends this token only. */
  async logout(caller: Caller): Promise<void> {
    await this.accounts.revokeToken(caller.tokenId, caller.userId, new Date((caller.tokenExpiresAt ?? Date.now() / 1000 + 86400) * 1000));
    this.callers.forgetUser(caller.userId);
  }

  /** Ends every token of the user (this one included): the token version moves on. */
  async logoutEverywhere(userId: string): Promise<void> {
    await this.accounts.bumpTokenVersion(userId);
    this.callers.forgetUser(userId);
  }

  /**
   * The `admin` account exists from the first start; its password comes from ADMIN_PASSWORD. When that is not
   * set, the built-in default is known to everyone: outside the demo the admin must change it at the first
   * sign-in (every other route answers 403 error.password-change-required until then).
   */
  async ensureAdmin(): Promise<void> {
    await this.accounts.ensureAdmin(await hashPassword(this.config.auth.adminPassword), this.config.auth.adminPasswordIsDefault && !this.config.demoData);
  }

  private async issue(userId: string, tokenVersion: number, mustChangePassword: boolean): Promise<TokenDto> {
    const expiresIn = Math.round(Duration.fromISO(this.config.auth.jwtTtl).as('seconds'));
    const claims: TokenClaims = { sub: userId, ver: tokenVersion, jti: randomUUID() };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn });
    return { accessToken, tokenType: 'Bearer', expiresIn, mustChangePassword };
  }

  private retryAfter(last: Date): number {
    return Math.max(1, Math.ceil((new Date(last).getTime() + this.lockoutMs - Date.now()) / 1000));
  }
}
