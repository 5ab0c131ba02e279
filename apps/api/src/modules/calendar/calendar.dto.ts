import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches } from 'class-validator';
import { DEFAULT_LOCALITY } from '../../../../../activities/calendar/calendar.store';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class CalendarYearDto {
  @ApiProperty({ type: [String], description: 'Official days off (public holidays), YYYY-MM-DD', example: ['2027-10-01'] })
  @IsArray() @ArrayMaxSize(120) @IsString({ each: true }) @Matches(DAY, { each: true, message: 'each day must be YYYY-MM-DD' }) holidays!: string[];
  @ApiProperty({ type: [String], description: 'Swapped working days (调休) on weekends, YYYY-MM-DD', example: ['2027-09-26'] })
  @IsArray() @ArrayMaxSize(60) @IsString({ each: true }) @Matches(DAY, { each: true, message: 'each day must be YYYY-MM-DD' }) workdays!: string[];
}
export class CalendarQueryDto {
  @ApiPropertyOptional({ default: DEFAULT_LOCALITY }) @IsOptional() @IsString() @Matches(/^[a-z0-9_-]{1,64}$/) locality?: string;
}
