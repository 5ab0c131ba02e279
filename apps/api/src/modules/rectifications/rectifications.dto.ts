import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUrl, IsUUID, MaxLength, MinLength } from 'class-validator';
import { RECTIFICATION_SOURCES } from '../../../../../workflows/rectification/rectification.messages';
import type { RectificationSource, RectificationState } from '../../../../../workflows/rectification/rectification.messages';
import { IsDay, IsInstant, PageQueryDto } from '../../common/dto';

export class CreateRectificationDto {
  @ApiProperty() @IsUUID() planId!: string;
  @ApiProperty({ description: 'The unit that must rectify' }) @IsUUID() unitId!: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() projectId?: string;
  @ApiProperty({ example: '学位缺口未按期消化' }) @IsString() @MinLength(1) @MaxLength(200) title!: string;
  @ApiProperty() @IsString() @MaxLength(10000) description!: string;
  @ApiPropertyOptional({ example: '2026-12-31T17:00:00+08:00', description: 'Deadline instant; or dueDate' }) @IsOptional() @IsInstant() dueAt?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: "Deadline day: the end of that day in the plan's time zone" }) @IsOptional() @IsDay() dueDate?: string;
  @ApiProperty({ enum: RECTIFICATION_SOURCES }) @IsIn(RECTIFICATION_SOURCES as string[]) source!: RectificationSource;
  @ApiPropertyOptional({ description: 'The round, circular or inspection it came from' }) @IsOptional() @IsString() @MaxLength(200) sourceRef?: string;
}

export class AnswerRectificationDto {
  @ApiProperty({ example: '已完成整改，新增学位 300 个。' }) @IsString() @MinLength(1) @MaxLength(10000) narrative!: string;
  @ApiPropertyOptional({ type: [String], description: 'Links to evidence' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { each: true }) evidence?: string[];
}

export class VerifyRectificationDto {
  @ApiProperty({ enum: ['signoff', 'return'] }) @IsIn(['signoff', 'return']) decision!: 'signoff' | 'return';
  @ApiPropertyOptional({ description: 'Required when returning' }) @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class ListRectificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() planId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ enum: ['raised', 'answered', 'returned', 'signed_off', 'open'], description: 'open = not signed off' })
  @IsOptional() @IsIn(['raised', 'answered', 'returned', 'signed_off', 'open']) state?: RectificationState | 'open';
}
