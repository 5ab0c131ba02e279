import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as bcrypt from 'bcryptjs';
import { Duration } from 'luxon';
import type { AppConfig } from '../../../../../libs/config/src';
import { UnauthorizedError } from '../../common/errors';
import { APP_CONFIG } from '../../common/tokens';
import { TokenDto } from './auth.dto';
import { AuthRepository } from './auth.repository';

// Compared against when the user does not exist, so a wrong username costs as long as a wrong password.
const DUMMY_HASH = bcrypt.hashSync('not-a-password', 10);

export const PASSWORD_HASH_ROUNDS = 10;
export const hashPassword = (password: string) => bcrypt.hash(password, PASSWORD_HASH_ROUNDS);

@Injectable()
export class AuthService {
  constructor(
    private readonly accounts: AuthRepository,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string): Promise<TokenDto> {
    const user = await this.accounts.findForLogin(username);
    const ok = await bcrypt.compare(password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !ok) throw new UnauthorizedError('Wrong username or password');
    const expiresIn = Math.round(Duration.fromISO(this.config.auth.jwtTtl).as('seconds'));
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, username: user.username, role: user.role, unitId: user.unit_id, unitPath: user.path },
      { expiresIn },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn };
  }

  /** The `admin` account exists from the first start; its password comes from ADMIN_PASSWORD. */
  async ensureAdmin(): Promise<void> {
    await this.accounts.ensureAdmin(await hashPassword(this.config.auth.adminPassword));
  }
}
