import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from '../../common/auth';
import { DashboardQueryDto } from './dashboard.dto';
import { DashboardService } from './dashboard.service';
import { Policy } from '../../policy/policy.decorator';

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('api/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Policy('project.read') @Get()
  get(@CurrentCaller() caller: Caller, @Query() q: DashboardQueryDto) {
    return this.dashboard.get(caller, q);
  }
}
