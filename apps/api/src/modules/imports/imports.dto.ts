import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { PROJECT_KINDS } from '../../../../../libs/domain/src/kinds';

/** The form fields sent with the file. */
export class ImportFormDto {
  @ApiPropertyOptional({ description: 'The sheet of a workbook to read (the first by default)', example: '分解表' })
  @IsOptional() @IsString() @MaxLength(100) sheet?: string;
  @ApiPropertyOptional({
    description: 'JSON: the header (or 1-based column number) of each column where the file names it otherwise. Columns: seq, task, target, lead, co, owner, due',
    example: '{"task":"事项","due":5}',
  })
  @IsOptional() @IsString() @MaxLength(2000) mapping?: string;
}

/** A coordinator's fix of one row: cells written again as they should read. */
export class RowCorrectionDto {
  @ApiProperty({ description: 'The row\'s line in the preview', example: 7 }) @Type(() => Number) @IsInt() @Min(1) line!: number;
  @ApiPropertyOptional({ description: '序号' }) @IsOptional() @IsString() @MaxLength(50) seq?: string;
  @ApiPropertyOptional({ description: '重点任务' }) @IsOptional() @IsString() @MaxLength(2000) task?: string;
  @ApiPropertyOptional({ description: '具体目标' }) @IsOptional() @IsString() @MaxLength(2000) target?: string;
  @ApiPropertyOptional({ description: '牵头单位', example: '金水区教育局' }) @IsOptional() @IsString() @MaxLength(200) lead?: string;
  @ApiPropertyOptional({ description: '配合单位' }) @IsOptional() @IsString() @MaxLength(1000) co?: string;
  @ApiPropertyOptional({ description: '责任人' }) @IsOptional() @IsString() @MaxLength(100) owner?: string;
  @ApiPropertyOptional({ description: '完成时限', example: '2026年12月底' }) @IsOptional() @IsString() @MaxLength(200) due?: string;
  @ApiPropertyOptional({ enum: PROJECT_KINDS, description: 'The kind, where the guess is wrong' }) @IsOptional() @IsIn(PROJECT_KINDS as unknown as string[]) kind?: string;
}

export class ConfirmImportDto {
  @ApiPropertyOptional({ description: 'Only these lines (all rows by default)', example: [7] })
  @IsOptional() @IsArray() @ArrayMaxSize(5000) @Type(() => Number) @IsInt({ each: true }) @Min(1, { each: true }) lines?: number[];
  @ApiPropertyOptional({ type: [RowCorrectionDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(5000) @ValidateNested({ each: true }) @Type(() => RowCorrectionDto) corrections?: RowCorrectionDto[];
}
