import { Body, Controller, Get, Headers, Injectable, Module, Param, ParseUUIDPipe, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import type { CircularContent } from '../../../../../activities/circulars/circular.content';
import { Caller, CurrentCaller, Roles } from '../../common/auth';
import { PageQueryDto } from '../../common/dto';
import { NotFoundError } from '../../common/errors';
import { IdempotencyService } from '../../common/idempotency';
import { ScopeService } from '../../common/scope';
import { DispatchGateway } from '../dispatch/dispatch.gateway';
import { DispatchModule } from '../dispatch/dispatch.module';
import { circularHtml, circularXlsx } from './circular.render';

export class ListCircularsQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() planId?: string;
}
export class CircularFormatQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'xlsx', 'html'], default: 'json' }) @IsOptional() @IsIn(['json', 'xlsx', 'html']) format?: 'json' | 'xlsx' | 'html';
}
export class IssueCircularDto {
  @ApiProperty() @IsUUID() planId!: string;
}

/** The part of Express's response the download needs. */
type ResponseHeaders = { set(fields: Record<string, string>): unknown };

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const summaryView = (c: Record<string, any>) => ({
  id: c.id, planId: c.plan_id, year: c.year, number: c.number, title: c.title, issuedAt: iso(c.issued_at), issuedBy: c.issued_by, roundId: c.round_id,
});

/** Numbered circulars: read from PostgreSQL, issued through Temporal. */
@Injectable()
export class CircularsService {
  constructor(
    private readonly ds: DataSource,
    private readonly scope: ScopeService,
    private readonly gateway: DispatchGateway,
    private readonly idempotency: IdempotencyService,
  ) {}

  async list(q: ListCircularsQueryDto) {
    const where = q.planId ? 'WHERE plan_id = $1' : '';
    const params = q.planId ? [q.planId] : [];
    const rows = await this.ds.query(`SELECT * FROM circulars ${where} ORDER BY issued_at DESC, number DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [
      ...params, q.pageSize, (q.page - 1) * q.pageSize,
    ]);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM circulars ${where}`, params);
    return { items: rows.map(summaryView), page: q.page, pageSize: q.pageSize, total };
  }

  async get(id: string): Promise<ReturnType<typeof summaryView> & CircularContent> {
    const [c] = await this.ds.query('SELECT * FROM circulars WHERE id = $1', [id]);
    if (!c) throw new NotFoundError(`No circular ${id}`, 'id');
    return { ...c.content, ...summaryView(c) };
  }

  async issue(caller: Caller, dto: IssueCircularDto, key?: string) {
    await this.scope.assertCoordinatesPlan(caller, dto.planId);
    return this.idempotency.run(`${caller.userId}:POST /api/circulars`, key, dto, 201, async (requestId) => {
      const issued = await this.gateway.issueCircular({ planId: dto.planId, issueKey: `request:${requestId}`, issuedBy: caller.userId });
      return this.get(issued.id);
    });
  }
}

@ApiTags('circulars')
@ApiBearerAuth()
@Controller('api/circulars')
export class CircularsController {
  constructor(
    private readonly circulars: CircularsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Get()
  list(@Query() q: ListCircularsQueryDto) {
    return this.circulars.list(q);
  }

  @Get(':id') @ApiQuery({ name: 'format', required: false, enum: ['json', 'xlsx', 'html'] })
  async get(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('No such circular', 'id') })) id: string, @Query() q: CircularFormatQueryDto, @Res({ passthrough: true }) res: ResponseHeaders) {
    const c = await this.circulars.get(id);
    const file = `circular-${c.year}-${c.number}`;
    if (q.format === 'xlsx') {
      res.set({ 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Content-Disposition': `attachment; filename="${file}.xlsx"` });
      return new StreamableFile(await circularXlsx(c));
    }
    if (q.format === 'html') {
      res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Disposition': `inline; filename="${file}.html"` });
      return new StreamableFile(Buffer.from(circularHtml(c), 'utf8'));
    }
    return c;
  }

  @Post() @Roles('coordinator') @ApiHeader({ name: 'Idempotency-Key', required: false })
  issue(@CurrentCaller() caller: Caller, @Body() dto: IssueCircularDto, @Headers('idempotency-key') key?: string) {
    return this.circulars.issue(caller, dto, this.idempotency.validateKey(key));
  }
}

@Module({ imports: [DispatchModule], controllers: [CircularsController], providers: [CircularsService] })
export class CircularsModule {}
