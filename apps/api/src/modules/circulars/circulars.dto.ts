import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../common/dto';

export class ListCircularsQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() planId?: string;
}
export class CircularFormatQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'xlsx', 'docx', 'html'], default: 'json' }) @IsOptional() @IsIn(['json', 'xlsx', 'docx', 'html']) format?: 'json' | 'xlsx' | 'docx' | 'html';
}
export class IssueCircularDto {
  @ApiProperty() @IsUUID() planId!: string;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
export const circularSummaryView = (c: Record<string, any>) => ({
  id: c.id, planId: c.plan_id, year: c.year, number: c.number, title: c.title, issuedAt: iso(c.issued_at), issuedBy: c.issued_by, roundId: c.round_id,
});
