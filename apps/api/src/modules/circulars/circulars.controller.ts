import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from '../../common/auth';
import { NotFoundError } from '../../common/errors';
import { ReaderLocaleService } from '../../common/i18n';
import { Idempotent, IdempotencyKey } from '../../common/idempotency';
import { circularDocx, circularHtml, circularXlsx } from './circular.render';
import { CircularFormatQueryDto, IssueCircularDto, ListCircularsQueryDto } from './circulars.dto';
import { CircularsService } from './circulars.service';
import { Policy } from '../../policy/policy.decorator';

/** The part of Express's response the download needs. */
type ResponseHeaders = { set(fields: Record<string, string>): unknown };

@ApiTags('circulars')
@ApiBearerAuth()
@Controller('api/circulars')
export class CircularsController {
  constructor(
    private readonly circulars: CircularsService,
    private readonly readers: ReaderLocaleService,
  ) {}

  @Policy('circular.read') @Get()
  list(@CurrentCaller() caller: Caller, @Query() q: ListCircularsQueryDto) {
    return this.circulars.list(caller, q);
  }

  @Policy('circular.read') @Get(':id') @ApiQuery({ name: 'format', required: false, enum: ['json', 'xlsx', 'docx', 'html'] })
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('No such circular', 'id') })) id: string,
    @Query() q: CircularFormatQueryDto,
    @Res({ passthrough: true }) res: ResponseHeaders,
    @Req() req: Parameters<ReaderLocaleService['localeOf']>[0],
  ) {
    const { content: c, doc } = await this.circulars.document(caller, id, await this.readers.localeOf(req));
    const file = `circular-${c.year}-${c.number}`;
    if (q.format === 'xlsx') {
      res.set({ 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Content-Disposition': `attachment; filename="${file}.xlsx"` });
      return new StreamableFile(await circularXlsx(doc, new Date(c.issuedAt)));
    }
    if (q.format === 'docx') {
      res.set({ 'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Content-Disposition': `attachment; filename="${file}.docx"` });
      return new StreamableFile(await circularDocx(doc));
    }
    if (q.format === 'html') {
      res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Disposition': `inline; filename="${file}.html"` });
      return new StreamableFile(Buffer.from(circularHtml(doc), 'utf8'));
    }
    return c;
  }

  @Policy('plan.coordinate') @Post()
  issue(@CurrentCaller() caller: Caller, @Body() dto: IssueCircularDto, @IdempotencyKey() idem: Idempotent) {
    return this.circulars.issue(caller, dto, idem);
  }
}
