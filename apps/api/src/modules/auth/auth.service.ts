import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as bcrypt from 'bcryptjs';
import { Duration } from 'luxon';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../../libs/config/src';
import { UnauthorizedError } from '../../common/errors';
import { APP_CONFIG } from '../../common/tokens';
import { TokenDto } from './auth.dto';

// Compared against when the user does not exist, so a wrong username costs as long as a wrong password.
const DUMMY_HASH = bcrypt.hashSync('not-a-password', 10);

@Injectable()
export class AuthService {
  constructor(
    private readonly ds: DataSource,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string): Promise<TokenDto> {
    const rows: Array<{ id: string; username: string; role: string; unit_id: string | null; path: string | null; password_hash: string }> = await this.ds.query(
      `SELECT u.id, u.username, u.role, u.unit_id, un.path, u.password_hash FROM users u LEFT JOIN units un ON un.id = u.unit_id WHERE u.username = $1`,
      [username],
    );
    const user = rows[0];
    const ok = await bcrypt.compare(password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !ok) throw new UnauthorizedError('Wrong username or password');
    const expiresIn = Math.round(Duration.fromISO(this.config.auth.jwtTtl).as('seconds'));
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, username: user.username, role: user.role, unitId: user.unit_id, unitPath: user.path },
      { expiresIn },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn };
  }
}

export const PASSWORD_HASH_ROUNDS = 10;
export const hashPassword = (password: string) => bcrypt.hash(password, PASSWORD_HASH_ROUNDS);
