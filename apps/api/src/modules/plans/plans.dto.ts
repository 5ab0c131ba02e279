import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { SERIES_SCOPES, SeriesScope } from '../../../../../libs/domain/src/targets/series';
import { IsPlainObject } from '../../common/dto';

export class CreatePlanDto {
  @ApiProperty({ example: '2016年教育重点工程' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ example: 2016 }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiPropertyOptional() @IsOptional() @IsUUID() ownerUnitId?: string;
  @ApiPropertyOptional({ description: 'Deadline policy (ISO 8601 durations); defaults fill what is absent' }) @IsOptional() @IsPlainObject() policy?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Portfolio targets, e.g. 30 schools reaching opening by 2016-12-31' }) @IsOptional() @IsArray() @ArrayMaxSize(50) portfolioTargets?: unknown[];
  @ApiPropertyOptional({ description: 'Coordinators of the plan besides the creator' }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsUUID(undefined, { each: true }) coordinatorIds?: string[];
  @ApiPropertyOptional({ description: "The plan's own project templates {key, name, stages: [{key, name, offsetDays?}]}" }) @IsOptional() @IsArray() @ArrayMaxSize(30) templates?: unknown[];
  @ApiPropertyOptional({ description: "The plan's own figures {key, name, unit}, besides the built-in ones" }) @IsOptional() @IsArray() @ArrayMaxSize(50) figures?: unknown[];
  @ApiPropertyOptional({ enum: SERIES_SCOPES, description: 'Circular numbering: per issuing office and year (the default), per plan, or per plan and year' })
  @IsOptional() @IsIn(SERIES_SCOPES as unknown as string[]) circularSeries?: SeriesScope;
}

export class UpdatePlanDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ description: 'The plan coordinators (replaces the list)' }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsUUID(undefined, { each: true }) coordinatorIds?: string[];
  @ApiPropertyOptional({ description: 'Portfolio targets (replaces the list)' }) @IsOptional() @IsArray() @ArrayMaxSize(50) portfolioTargets?: unknown[];
  @ApiPropertyOptional({ description: 'Deadline policy for deadlines not yet planned; deadlines already planned keep theirs' }) @IsOptional() @IsPlainObject() policy?: Record<string, unknown>;
  @ApiPropertyOptional({ description: "The plan's own project templates (replaces the list)" }) @IsOptional() @IsArray() @ArrayMaxSize(30) templates?: unknown[];
  @ApiPropertyOptional({ description: "The plan's own figures {key, name, unit} (replaces the list)" }) @IsOptional() @IsArray() @ArrayMaxSize(50) figures?: unknown[];
  @ApiPropertyOptional({ enum: SERIES_SCOPES, description: 'Circular numbering: per issuing office and year, per plan, or per plan and year' })
  @IsOptional() @IsIn(SERIES_SCOPES as unknown as string[]) circularSeries?: SeriesScope;
}

export class SetNextNumberDto {
  @ApiProperty({ example: 57, description: 'The number the next circular of the series takes; settable once, before any is issued' })
  @IsInt() @Min(1) @Max(99_999) nextNumber!: number;
  @ApiPropertyOptional({ example: 2026, description: 'Year of the series (office and plan-year series); the current year by default' })
  @IsOptional() @IsInt() @Min(2000) @Max(2100) year?: number;
}


export const planView = (p: Record<string, any>) => ({
  id: p.id, name: p.name, year: p.year, ownerUnitId: p.owner_unit_id, timeZone: p.time_zone, policy: p.policy,
  portfolioTargets: p.portfolio_targets, coordinatorIds: p.coordinator_ids, templates: p.templates, figures: p.figures, circularSeries: p.series_scope,
  createdAt: new Date(p.created_at).toISOString(), ...(p.updated_at ? { updatedAt: new Date(p.updated_at).toISOString() } : {}),
});
