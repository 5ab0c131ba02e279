import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsPlainObject } from '../../common/dto';

export class CreatePlanDto {
  @ApiProperty({ example: '2016年教育重点工程' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ example: 2016 }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiPropertyOptional() @IsOptional() @IsUUID() ownerUnitId?: string;
  @ApiPropertyOptional({ description: 'Deadline policy (ISO 8601 durations); defaults fill what is absent' }) @IsOptional() @IsPlainObject() policy?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Portfolio targets, e.g. 30 schools reaching opening by 2016-12-31' }) @IsOptional() @IsArray() @ArrayMaxSize(50) portfolioTargets?: unknown[];
  @ApiPropertyOptional({ description: 'Coordinators of the plan besides the creator' }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsUUID(undefined, { each: true }) coordinatorIds?: string[];
}

export const planView = (p: Record<string, any>) => ({
  id: p.id, name: p.name, year: p.year, ownerUnitId: p.owner_unit_id, timeZone: p.time_zone, policy: p.policy,
  portfolioTargets: p.portfolio_targets, coordinatorIds: p.coordinator_ids, createdAt: new Date(p.created_at).toISOString(),
});
