import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PROJECT_KINDS } from '../../../../../libs/domain/src/kinds';
import { FACILITY_CATEGORIES, WORK_TYPES } from '../../../../../libs/domain/src/targets';
import { PageQueryDto } from '../../common/dto';

export class ListCircularsQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() planId?: string;
}
export class CircularFormatQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'xlsx', 'docx', 'html'], default: 'json' }) @IsOptional() @IsIn(['json', 'xlsx', 'docx', 'html']) format?: 'json' | 'xlsx' | 'docx' | 'html';
}
/** Which of the plan's projects a circular is about; every condition given must hold (as a portfolio target's filter). */
export class CircularFilterDto {
  @ApiPropertyOptional({ enum: PROJECT_KINDS, isArray: true }) @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @IsIn(PROJECT_KINDS as unknown as string[], { each: true }) kinds?: string[];
  @ApiPropertyOptional({ enum: FACILITY_CATEGORIES, isArray: true, example: ['幼儿园'] }) @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @IsIn(FACILITY_CATEGORIES as unknown as string[], { each: true }) categories?: string[];
  @ApiPropertyOptional({ enum: WORK_TYPES, isArray: true }) @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @IsIn(WORK_TYPES as unknown as string[], { each: true }) workTypes?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Projects carrying at least one of these tags', example: ['三年行动计划'] })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(40, { each: true }) tags?: string[];
  @ApiPropertyOptional({ format: 'uuid', description: 'Projects led by this unit or a unit below it' }) @IsOptional() @IsUUID() leadUnitId?: string;
}

export class IssueCircularDto {
  @ApiProperty() @IsUUID() planId!: string;
  @ApiPropertyOptional({ type: CircularFilterDto, description: "A circular on part of the plan: every section counts only the projects this selects" })
  @IsOptional() @ValidateNested() @Type(() => CircularFilterDto) filter?: CircularFilterDto;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
export const circularSummaryView = (c: Record<string, any>) => ({
  id: c.id, planId: c.plan_id, year: c.year, number: c.number, title: c.title, issuedAt: iso(c.issued_at), issuedBy: c.issued_by, roundId: c.round_id,
  ...(c.content?.selection ? { selection: c.content.selection } : {}),
});
