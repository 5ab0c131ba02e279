import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../../../../libs/config/src';
import { APP_CONFIG } from '../../common/tokens';
import { CallerLoader } from '../auth/caller.loader';
import { assertAcceptablePassword } from '../auth/password-policy';
import { Caller } from '../../common/auth';
import { ConflictError, InvalidInputError, NotFoundError, UnauthorizedError } from '../../common/errors';
import { hashPassword } from '../auth/auth.service';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, userView } from './users.dto';
import { UsersRepository } from './users.repository';
import type { Locale } from '../../../../../libs/i18n/src';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly callers: CallerLoader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(dto: CreateUserDto) {
    assertAcceptablePassword(dto.password, dto.username, this.config.auth.passwordMinLength);
    if (dto.role === 'owner' && !dto.unitId) throw new InvalidInputError('unitId: an owner belongs to a unit', [{ field: 'unitId', message: 'required for owners', code: 'field.owner-needs-unit' }]);
    if (dto.unitId && !(await this.users.unitExists(dto.unitId))) throw new NotFoundError(`No unit ${dto.unitId}`, 'unitId');
    const row = await this.users.insert({
      username: dto.username, displayName: dto.displayName, passwordHash: await hashPassword(dto.password), role: dto.role,
      unitId: dto.unitId ?? null, email: dto.email ?? null, isUnitHead: dto.isUnitHead ?? false, locale: dto.locale ?? null,
    });
    if (!row) throw new ConflictError(`The username "${dto.username}" is taken`, 'username', { code: 'field.username-taken', params: { username: dto.username } });
    return userView(row);
  }

  async list(q: ListUsersQueryDto) {
    return this.users.page(q.role, q, userView);
  }

  /** Sets a user's language: by the user, or by an admin for anyone. */
  async setLocale(userId: string, locale: Locale | null) {
    const row = await this.users.setLocale(userId, locale);
    if (!row) throw new NotFoundError(`No user ${userId}`, 'id');
    this.callers.forgetUser(userId);
    return userView(row);
  }

  /** Changes a user; the change holds from the user's next request (the caller cache forgets the user). */
  async update(caller: Caller, id: string, dto: UpdateUserDto) {
    const u = await this.users.get(id);
    if (!u) throw new NotFoundError(`No user ${id}`, 'id');
    if (id === caller.userId && dto.role && dto.role !== 'admin') throw new ConflictError('An admin cannot take away its own admin role', 'role', { code: 'field.own-admin-role' });
    const role = dto.role ?? u.role;
    const unitId = dto.unitId ?? u.unit_id;
    if (role === 'owner' && !unitId) throw new InvalidInputError('unitId: an owner belongs to a unit', [{ field: 'unitId', message: 'required for owners', code: 'field.owner-needs-unit' }]);
    if (dto.unitId && !(await this.users.unitExists(dto.unitId))) throw new NotFoundError(`No unit ${dto.unitId}`, 'unitId');
    const row = await this.users.update(id, {
      displayName: dto.displayName ?? u.display_name, role, unitId, email: dto.email ?? u.email, isUnitHead: dto.isUnitHead ?? u.is_unit_head,
    });
    this.callers.forgetUser(id);
    return userView(row);
  }

  /** Removes a user who has left no trace (no project, report, plan or delivery of theirs); others are kept for the record (409). */
  async remove(caller: Caller, id: string): Promise<void> {
    if (id === caller.userId) throw new ConflictError('An admin cannot remove its own account', 'id', { code: 'field.own-account' });
    if (!(await this.users.get(id))) throw new NotFoundError(`No user ${id}`, 'id');
    if (await this.users.coordinatesAPlan(id)) throw new ConflictError('The user coordinates a plan: take it off the plan first', 'id', { code: 'field.coordinates-plan' });
    try {
      await this.users.remove(id);
    } catch (err) {
      if ((err as { code?: string }).code === '23503') throw new ConflictError('The user owns projects or has written reports: they stay for the record', 'id', { code: 'field.has-records' });
      throw err;
    }
    this.callers.forgetUser(id);
  }

  async me(caller: Caller) {
    const u = await this.users.get(caller.userId);
    if (!u) throw new UnauthorizedError('The account of this token no longer exists');
    return { ...userView(u), mustChangePassword: u.must_change_password as boolean };
  }
}
