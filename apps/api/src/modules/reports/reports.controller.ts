import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '../../common/auth';
import { NotFoundError } from '../../common/errors';
import { IdempotencyService } from '../../common/idempotency';
import { DecideExtensionDto, RequestExtensionDto, ReviewReportDto, SubmitReportDto } from './reports.dto';
import { ReportsService } from './reports.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('No such resource', 'id') });

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post('projects/:id/reports') @Roles('owner') @ApiHeader({ name: 'Idempotency-Key', required: false })
  submit(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() dto: SubmitReportDto, @Headers('idempotency-key') key?: string) {
    return this.reports.submit(caller, id, dto, this.idempotency.validateKey(key));
  }

  @Get('projects/:id/reports')
  list(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.reports.list(caller, id);
  }

  @Get('reports/:id')
  get(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.reports.get(caller, id);
  }

  @Post('reports/:id/review') @HttpCode(200) @Roles('coordinator') @ApiHeader({ name: 'Idempotency-Key', required: false })
  review(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() dto: ReviewReportDto, @Headers('idempotency-key') key?: string) {
    return this.reports.review(caller, id, dto, this.idempotency.validateKey(key));
  }

  @Post('projects/:id/milestones/:mid/extension-requests') @Roles('owner') @ApiHeader({ name: 'Idempotency-Key', required: false })
  requestExtension(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Param('mid') mid: string, @Body() dto: RequestExtensionDto, @Headers('idempotency-key') key?: string) {
    return this.reports.requestExtension(caller, id, mid, dto, this.idempotency.validateKey(key));
  }

  @Get('projects/:id/extension-requests')
  listExtensions(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.reports.listExtensions(caller, id);
  }

  @Get('extension-requests/:id')
  getExtension(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.reports.getExtension(caller, id);
  }

  @Post('extension-requests/:id/decision') @HttpCode(200) @Roles('coordinator') @ApiHeader({ name: 'Idempotency-Key', required: false })
  decide(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() dto: DecideExtensionDto, @Headers('idempotency-key') key?: string) {
    return this.reports.decideExtension(caller, id, dto, this.idempotency.validateKey(key));
  }
}
