import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from '../../common/auth';
import { NotFoundError } from '../../common/errors';
import { Idempotent, IdempotencyKey } from '../../common/idempotency';
import { DecideExtensionDto, RequestExtensionDto, ReviewReportDto, SubmitReportDto } from './reports.dto';
import { ReportsService } from './reports.service';
import { Policy } from '../../policy/policy.decorator';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('No such resource', 'id') });

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Policy('project.report') @Post('projects/:id/reports')
  submit(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() dto: SubmitReportDto, @IdempotencyKey() idem: Idempotent) {
    return this.reports.submit(caller, id, dto, idem);
  }

  @Policy('project.read') @Get('projects/:id/reports')
  list(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.reports.list(caller, id);
  }

  @Policy('project.read') @Get('reports/:id')
  get(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.reports.get(caller, id);
  }

  @Policy('project.coordinate') @Post('reports/:id/review') @HttpCode(200)
  review(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() dto: ReviewReportDto, @IdempotencyKey() idem: Idempotent) {
    return this.reports.review(caller, id, dto, idem);
  }

  @Policy('project.report') @Post('projects/:id/milestones/:mid/extension-requests')
  requestExtension(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Param('mid') mid: string, @Body() dto: RequestExtensionDto, @IdempotencyKey() idem: Idempotent) {
    return this.reports.requestExtension(caller, id, mid, dto, idem);
  }

  @Policy('project.read') @Get('projects/:id/extension-requests')
  listExtensions(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.reports.listExtensions(caller, id);
  }

  @Policy('project.read') @Get('extension-requests/:id')
  getExtension(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.reports.getExtension(caller, id);
  }

  @Policy('project.coordinate') @Post('extension-requests/:id/decision') @HttpCode(200)
  decide(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() dto: DecideExtensionDto, @IdempotencyKey() idem: Idempotent) {
    return this.reports.decideExtension(caller, id, dto, idem);
  }
}
