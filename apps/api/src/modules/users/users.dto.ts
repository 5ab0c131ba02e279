import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { Locale, LOCALES } from '../../../../../libs/i18n/src';
import { ROLES } from '../../../../../libs/persistence/src/entities/user.entity';
import type { Role } from '../../../../../libs/persistence/src/entities/user.entity';
import { PageQueryDto } from '../../common/dto';

export class CreateUserDto {
  @ApiProperty({ example: 'zm-owner' }) @IsString() @Matches(/^[A-Za-z0-9._-]{2,64}$/, { message: 'must be 2–64 letters, digits, . _ or -' }) username!: string;
  @ApiProperty({ example: '王主任' }) @IsString() @MinLength(1) @MaxLength(100) displayName!: string;
  @ApiProperty({ minLength: 10, maxLength: 72, description: 'At least PASSWORD_MIN_LENGTH (10) characters, at most 72 bytes in UTF-8, not one of the most common passwords, not containing the username' })
  @IsString() @MinLength(1) @MaxLength(200) password!: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;
  @ApiPropertyOptional({ description: 'Required for owners' }) @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional({ description: 'Head (一把手) of the unit: receives first-level escalations' }) @IsOptional() @IsBoolean() isUnitHead?: boolean;
  @ApiPropertyOptional({ enum: LOCALES, description: 'Language of texts, e-mails and messages; unset: the client’s Accept-Language, else zh-CN' })
  @IsOptional() @IsIn(LOCALES) locale?: Locale;
}
export class SetLocaleDto {
  @ApiProperty({ enum: LOCALES, nullable: true, description: 'null: follow the client’s Accept-Language, else zh-CN' })
  @ValidateIf((_, v) => v !== null) @IsIn(LOCALES) locale!: Locale | null;
}
export class UpdateUserDto {
  @ApiPropertyOptional({ example: '王主任' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100) displayName?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isUnitHead?: boolean;
}
export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
}

export const userView = (u: Record<string, any>) => ({
  id: u.id, username: u.username, displayName: u.display_name, role: u.role, unitId: u.unit_id, email: u.email, isUnitHead: u.is_unit_head, locale: u.locale ?? null,
});
