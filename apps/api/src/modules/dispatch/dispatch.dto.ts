import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../../common/dto';

/** A calendar rule in the schedule's time zone, e.g. every two months on the 25th at 09:00. */
export class DispatchCalendarDto {
  @ApiPropertyOptional({ type: [Number], example: [1, 3, 5, 7, 9, 11], description: 'Months 1–12 (default every month)' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(12) @IsInt({ each: true }) @Min(1, { each: true }) @Max(12, { each: true }) months?: number[];
  @ApiPropertyOptional({ example: 2, description: 'Every n months from January (instead of months)' }) @IsOptional() @IsInt() @Min(1) @Max(12) monthEvery?: number;
  @ApiProperty({ example: 25 }) @IsInt() @Min(1) @Max(31) dayOfMonth!: number;
  @ApiPropertyOptional({ example: 9, default: 9 }) @IsOptional() @IsInt() @Min(0) @Max(23) hour?: number;
  @ApiPropertyOptional({ example: 0, default: 0 }) @IsOptional() @IsInt() @Min(0) @Max(59) minute?: number;
}

export class DispatchScheduleDto {
  @ApiPropertyOptional({ type: DispatchCalendarDto, description: 'A calendar rule; give this or cron' })
  @IsOptional() @ValidateNested() @Type(() => DispatchCalendarDto) calendar?: DispatchCalendarDto;
  @ApiPropertyOptional({ example: '0 9 25 */2 *', description: 'A cron expression (5 fields; 7 with seconds and year); give this or calendar' })
  @IsOptional() @IsString() @MaxLength(200) cron?: string;
  @ApiPropertyOptional({ example: 'Asia/Shanghai', description: "Default: the plan's time zone" }) @IsOptional() @IsString() @MaxLength(64) timeZone?: string;
  @ApiProperty({ example: 'P10D', description: "ISO 8601 duration of each round's reporting window, counted on the plan's calendar" })
  @IsString() @MaxLength(40) reportingWindow!: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() paused?: boolean;
}

export class StartRoundDto {
  @ApiPropertyOptional({ example: 'P10D', description: "ISO 8601 duration; default: the plan's schedule's reporting window" })
  @IsOptional() @IsString() @MaxLength(40) reportingWindow?: string;
}

export class ListRoundsQueryDto extends PageQueryDto {}
