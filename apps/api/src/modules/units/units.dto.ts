import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/dto';
import { ROLES } from '../../../../../libs/persistence/src/entities/user.entity';
import type { Role } from '../../../../../libs/persistence/src/entities/user.entity';

export const UNIT_TYPES = ['bureau', 'district', 'county', 'school', 'department', 'office'] as const;

export class CreateUnitDto {
  @ApiProperty({ example: 'zhongmou-edu' }) @IsString() @Matches(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'must be 1–64 lowercase letters, digits, _ or -' }) code!: string;
  @ApiProperty({ example: '中牟县教育局' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ enum: UNIT_TYPES }) @IsIn(UNIT_TYPES as unknown as string[]) type!: string;
  @ApiPropertyOptional({ description: 'The unit above; absent for the top of the tree' }) @IsOptional() @IsUUID() parentId?: string;
}
export class ListUnitsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only this unit and the units below it' }) @IsOptional() @IsUUID() under?: string;
}

export const unitView = (u: Record<string, any>) => ({ id: u.id, code: u.code, name: u.name, type: u.type, parentId: u.parent_id, path: u.path });
export class UnitAccountsQueryDto {
  @ApiPropertyOptional({ enum: ROLES, description: 'Only accounts of this role' }) @IsOptional() @IsIn(ROLES) role?: Role;
}

/** An account as others may see it when choosing one: no username, e-mail or language. */
export const accountView = (u: Record<string, any>) => ({ id: u.id, displayName: u.display_name, role: u.role, unitId: u.unit_id, unitName: u.unit_name, isUnitHead: u.is_unit_head });
