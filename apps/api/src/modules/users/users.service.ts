import { Injectable } from '@nestjs/common';
import { Caller } from '../../common/auth';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/errors';
import { hashPassword } from '../auth/auth.service';
import { CreateUserDto, ListUsersQueryDto, userView } from './users.dto';
import { UsersRepository } from './users.repository';
import type { Locale } from '../../../../../libs/i18n/src';

@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  async create(dto: CreateUserDto) {
    if (dto.role === 'owner' && !dto.unitId) throw new InvalidInputError('unitId: an owner belongs to a unit', [{ field: 'unitId', message: 'required for owners' }]);
    if (dto.unitId && !(await this.users.unitExists(dto.unitId))) throw new NotFoundError(`No unit ${dto.unitId}`, 'unitId');
    const row = await this.users.insert({
      username: dto.username, displayName: dto.displayName, passwordHash: await hashPassword(dto.password), role: dto.role,
      unitId: dto.unitId ?? null, email: dto.email ?? null, isUnitHead: dto.isUnitHead ?? false, locale: dto.locale ?? null,
    });
    if (!row) throw new ConflictError(`The username "${dto.username}" is taken`, 'username');
    return userView(row);
  }

  async list(q: ListUsersQueryDto) {
    const { rows, total } = await this.users.page(q.role, q.page, q.pageSize);
    return { items: rows.map(userView), page: q.page, pageSize: q.pageSize, total };
  }

  /** Sets a user's language: by the user, or by an admin for anyone. */
  async setLocale(userId: string, locale: Locale | null) {
    const row = await this.users.setLocale(userId, locale);
    if (!row) throw new NotFoundError(`No user ${userId}`, 'id');
    return userView(row);
  }

  async me(caller: Caller) {
    return userView((await this.users.get(caller.userId))!);
  }
}
