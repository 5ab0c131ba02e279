import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import { IsDay, IsInstant, IsPlainObject } from '../../common/dto';

export class SubmitReportDto {
  @ApiPropertyOptional({ description: 'The milestone the report asks to accept; absent for a plain progress report' })
  @IsOptional() @IsString() @MaxLength(64) milestoneId?: string;
  @ApiPropertyOptional({ description: "The day the milestone was really reached, in the plan's zone (not after today, not before the stage before it); absent: today", example: '2026-03-18' })
  @IsOptional() @IsDay() reachedOn?: string;
  @ApiPropertyOptional({ description: "Figures of the project's kind, e.g. {eligible, rotated, rotatedBackbone}" }) @IsOptional() @IsPlainObject() figures?: Record<string, unknown>;
  @ApiProperty({ example: '主体结构已封顶，正在进行内部装修。' }) @IsString() @MaxLength(10000) narrative!: string;
  @ApiPropertyOptional({ type: [String], description: 'Links to evidence (photos, documents)' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { each: true }) evidence?: string[];
}

export class ReviewReportDto {
  @ApiProperty({ enum: ['accept', 'return'] }) @IsIn(['accept', 'return']) decision!: 'accept' | 'return';
  @ApiPropertyOptional({ description: 'Required when returning' }) @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class RequestExtensionDto {
  @ApiProperty({ example: '2026-11-30T23:59:59+08:00' }) @IsInstant() newDueAt!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
}

export class DecideExtensionDto {
  @ApiProperty({ enum: ['approve', 'refuse'] }) @IsIn(['approve', 'refuse']) decision!: 'approve' | 'refuse';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}
