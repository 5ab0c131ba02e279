import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from '../../common/auth';
import { NotFoundError } from '../../common/errors';
import { IdempotencyService } from '../../common/idempotency';
import { DecideExtensionDto, RequestExtensionDto, ReviewReportDto, SubmitReportDto } from './reports.dto';
import { ReportsService } from './reports.service';
import { Policy } from '../../policy/policy.decorator';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('No such resource', 'id') });

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Policy('project.report') @Post('projects/:id/reports') @ApiHeader({ name: 'Idempotency-Key', required: false })
  submit(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() dto: SubmitReportDto, @Headers('idempotency-key') key?: string) {
    return this.reports.submit(caller, id, dto, this.idempotency.validateKey(key));
  }

  @Policy('project.read') @Get('projects/:id/reports')
  list(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.reports.list(caller, id);
  }

  @Policy('project.read') @Get('reports/:id')
  get(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.reports.get(caller, id);
  }

  @Policy('project.coordinate') @Post('reports/:id/review') @HttpCode(200) @ApiHeader({ name: 'Idempotency-Key', required: false })
  review(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() dto: ReviewReportDto, @Headers('idempotency-key') key?: string) {
    return this.reports.review(caller, id, dto, this.idempotency.validateKey(key));
  }

  @Policy('project.report') @Post('projects/:id/milestones/:mid/extension-requests') @ApiHeader({ name: 'Idempotency-Key', required: false })
  requestExtension(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Param('mid') mid: string, @Body() dto: RequestExtensionDto, @Headers('idempotency-key') key?: string) {
    return this.reports.requestExtension(caller, id, mid, dto, this.idempotency.validateKey(key));
  }

  @Policy('project.read') @Get('projects/:id/extension-requests')
  listExtensions(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.reports.listExtensions(caller, id);
  }

  @Policy('project.read') @Get('extension-requests/:id')
  getExtension(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.reports.getExtension(caller, id);
  }

  @Policy('project.coordinate') @Post('extension-requests/:id/decision') @HttpCode(200) @ApiHeader({ name: 'Idempotency-Key', required: false })
  decide(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() dto: DecideExtensionDto, @Headers('idempotency-key') key?: string) {
    return this.reports.decideExtension(caller, id, dto, this.idempotency.validateKey(key));
  }
}
