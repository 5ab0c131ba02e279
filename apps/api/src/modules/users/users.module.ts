import { Body, Controller, Get, Injectable, Module, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { ROLES } from '../../../../../libs/persistence/src/entities/user.entity';
import type { Role } from '../../../../../libs/persistence/src/entities/user.entity';
import { Caller, CurrentCaller, Roles } from '../../common/auth';
import { PageQueryDto } from '../../common/dto';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/errors';
import { hashPassword } from '../auth/auth.service';

export class CreateUserDto {
  @ApiProperty({ example: 'zm-owner' }) @IsString() @Matches(/^[A-Za-z0-9._-]{2,64}$/, { message: 'must be 2–64 letters, digits, . _ or -' }) username!: string;
  @ApiProperty({ example: '王主任' }) @IsString() @MinLength(1) @MaxLength(100) displayName!: string;
  @ApiProperty({ minLength: 8 }) @IsString() @MinLength(8) @MaxLength(200) password!: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;
  @ApiPropertyOptional({ description: 'Required for owners' }) @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional({ description: 'Head (一把手) of the unit: receives first-level escalations' }) @IsOptional() @IsBoolean() isUnitHead?: boolean;
}
export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
}

export const userView = (u: Record<string, any>) => ({
  id: u.id, username: u.username, displayName: u.display_name, role: u.role, unitId: u.unit_id, email: u.email, isUnitHead: u.is_unit_head,
});

@Injectable()
export class UsersService {
  constructor(private readonly ds: DataSource) {}

  async create(dto: CreateUserDto) {
    if (dto.role === 'owner' && !dto.unitId) throw new InvalidInputError('unitId: an owner belongs to a unit', [{ field: 'unitId', message: 'required for owners' }]);
    if (dto.unitId && !(await this.ds.query('SELECT 1 FROM units WHERE id = $1', [dto.unitId])).length) throw new NotFoundError(`No unit ${dto.unitId}`, 'unitId');
    const rows = await this.ds.query(
      `INSERT INTO users (username, display_name, password_hash, role, unit_id, email, is_unit_head) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (username) DO NOTHING RETURNING *`,
      [dto.username, dto.displayName, await hashPassword(dto.password), dto.role, dto.unitId ?? null, dto.email ?? null, dto.isUnitHead ?? false],
    );
    if (!rows.length) throw new ConflictError(`The username "${dto.username}" is taken`, 'username');
    return userView(rows[0]);
  }

  async list(q: ListUsersQueryDto) {
    const params: unknown[] = q.role ? [q.role] : [];
    const where = q.role ? 'role = $1' : 'TRUE';
    const rows = await this.ds.query(`SELECT * FROM users WHERE ${where} ORDER BY username LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, q.pageSize, (q.page - 1) * q.pageSize]);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM users WHERE ${where}`, params);
    return { items: rows.map(userView), page: q.page, pageSize: q.pageSize, total };
  }

  async me(caller: Caller) {
    const [u] = await this.ds.query('SELECT * FROM users WHERE id = $1', [caller.userId]);
    return userView(u);
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post() @Roles('admin')
  create(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }

  @Get() @Roles('admin')
  list(@Query() q: ListUsersQueryDto) {
    return this.users.list(q);
  }

  @Get('me')
  me(@CurrentCaller() caller: Caller) {
    return this.users.me(caller);
  }
}

@Module({ controllers: [UsersController], providers: [UsersService], exports: [UsersService] })
export class UsersModule {}
