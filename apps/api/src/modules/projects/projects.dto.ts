import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsIn, IsNumber, IsOptional, IsPositive, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested,
} from 'class-validator';
import { PROJECT_KINDS } from '../../../../../libs/domain/src/kinds';
import { FACILITY_CATEGORIES, WORK_TYPES } from '../../../../../libs/domain/src/targets';
import { IsDay, IsInstant, IsPlainObject, PageQueryDto } from '../../common/dto';

export class MilestoneInputDto {
  @ApiPropertyOptional({ description: 'Stable key; generated from the position when absent', example: 'opinions' })
  @IsOptional() @IsString() @Matches(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'must be 1–64 lowercase letters, digits, _ or -' }) id?: string;
  @ApiProperty({ example: '出台实施意见' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiPropertyOptional({ description: 'Due by the end of this day in the plan time zone', example: '2026-06-30' }) @IsOptional() @IsDay() dueDate?: string;
  @ApiPropertyOptional({ description: 'Exact deadline (wins over dueDate)', example: '2026-06-30T18:00:00+08:00' }) @IsOptional() @IsInstant() dueAt?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @IsPositive() weight?: number;
}

export class CreateProjectDto {
  @ApiProperty({ enum: PROJECT_KINDS }) @IsIn(PROJECT_KINDS as unknown as string[]) kind!: string;
  @ApiProperty() @IsUUID() planId!: string;
  @ApiProperty({ example: '新建中牟县第一初级中学' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty() @IsUUID() leadUnitId!: string;
  @ApiProperty({ description: 'The owner user (责任人 account) who reports' }) @IsUUID() ownerUserId!: string;
  @ApiPropertyOptional({ description: 'Name of the responsible head (责任人)' }) @IsOptional() @IsString() @MaxLength(100) responsibleHead?: string;
  @ApiProperty({ example: '2026-01-01' }) @IsDay() startDate!: string;
  @ApiProperty({ example: '2026-12-31', description: 'Hard deadline (for schools: the opening date)' }) @IsDay() dueDate!: string;
  @ApiPropertyOptional({ description: 'Kind-specific targets, validated by the kind rules' }) @IsOptional() @IsPlainObject() targets?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [MilestoneInputDto] }) @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => MilestoneInputDto) milestones?: MilestoneInputDto[];
  @ApiPropertyOptional({ description: 'school_construction: explicit stage dates {approval, design, ...}' }) @IsOptional() @IsPlainObject() stageDates?: Record<string, string>;
  @ApiPropertyOptional({ description: 'Override of the plan deadline policy (ISO 8601 durations)' }) @IsOptional() @IsPlainObject() policy?: Record<string, unknown>;
  @ApiPropertyOptional({ enum: FACILITY_CATEGORIES, description: 'Facility type' }) @IsOptional() @IsIn(FACILITY_CATEGORIES as unknown as string[]) category?: string;
  @ApiPropertyOptional({ enum: WORK_TYPES, description: 'Work type' }) @IsOptional() @IsIn(WORK_TYPES as unknown as string[]) workType?: string;
  @ApiPropertyOptional({ description: 'Free tags: an area, a programme', example: ['城东片区', '三年行动计划'] }) @IsOptional() @IsArray() @ArrayMaxSize(20) tags?: unknown[];
  @ApiPropertyOptional({ description: 'Stage template (built-in: school, kindergarten_opening, renovation, equipment_purchase, facility_build; or one of the plan)', example: 'renovation' })
  @IsOptional() @IsString() @MaxLength(40) template?: string;
  @ApiPropertyOptional({ description: 'Quantity targets [{figure, name?, unit?, target | min+max, direction?, over?}]', example: [{ figure: 'seats', target: 1080 }] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) quantities?: unknown[];
  @ApiPropertyOptional({ description: 'Co-units (配合单位): they see the project and receive its notices; the lead unit reports', type: [String], format: 'uuid' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) coUnitIds?: string[];
  @ApiPropertyOptional({ description: 'A project brought in under way: the stage (milestone id) it is at now; every stage before it needs its day in pastStages', example: 'construction_start' })
  @IsOptional() @IsString() @MaxLength(64) currentStage?: string;
  @ApiPropertyOptional({ description: "The day each stage before currentStage was really reached (YYYY-MM-DD, plan's zone, in stage order, none in the future)", example: { approval: '2025-03-01', design: '2025-06-15', tendering: '2025-09-30' } })
  @IsOptional() @IsPlainObject() pastStages?: Record<string, string>;
}

export class ListProjectsQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() planId?: string;
  @ApiPropertyOptional({ description: 'Lead unit and the units below it' }) @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ enum: PROJECT_KINDS }) @IsOptional() @IsIn(PROJECT_KINDS as unknown as string[]) kind?: string;
  @ApiPropertyOptional({ enum: ['green', 'yellow', 'red', 'done', 'closed'] }) @IsOptional() @IsIn(['green', 'yellow', 'red', 'done', 'closed']) status?: string;
  @ApiPropertyOptional({ description: 'Text in the project name' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ enum: FACILITY_CATEGORIES }) @IsOptional() @IsIn(FACILITY_CATEGORIES as unknown as string[]) category?: string;
  @ApiPropertyOptional({ enum: WORK_TYPES }) @IsOptional() @IsIn(WORK_TYPES as unknown as string[]) workType?: string;
  @ApiPropertyOptional({ description: 'Projects carrying this tag' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(40) tag?: string;
}

export class CloseProjectDto {
  @ApiProperty({ example: 'Merged into the 2027 plan' }) @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
}

export class AmendMilestonesDto {
  @ApiProperty({ type: [MilestoneInputDto] }) @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => MilestoneInputDto) milestones!: MilestoneInputDto[];
}
