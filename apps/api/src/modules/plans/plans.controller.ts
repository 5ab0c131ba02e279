import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from '../../common/auth';
import { PageQueryDto } from '../../common/dto';
import { NotFoundError } from '../../common/errors';
import { PlanSettingsService } from './plan-settings.service';
import { CreatePlanDto, SetNextNumberDto, UpdatePlanDto } from './plans.dto';
import { PlansService } from './plans.service';
import { Policy } from '../../policy/policy.decorator';

const planId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('No such plan', 'id') });

@ApiTags('plans')
@ApiBearerAuth()
@Controller('api/plans')
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly settings: PlanSettingsService,
  ) {}

  @Policy('plan.create') @Post()
  create(@CurrentCaller() caller: Caller, @Body() dto: CreatePlanDto) {
    return this.plans.create(caller, dto);
  }

  @Policy('signed-in') @Get()
  list(@Query() q: PageQueryDto) {
    return this.plans.list(q);
  }

  @Policy('signed-in') @Get(':id')
  get(@Param('id', planId) id: string) {
    return this.plans.get(id);
  }

  @Policy('plan.coordinate') @Patch(':id')
  update(@CurrentCaller() caller: Caller, @Param('id', planId) id: string, @Body() dto: UpdatePlanDto) {
    return this.settings.update(caller, id, dto);
  }

  @Policy('signed-in') @Get(':id/events')
  events(@Param('id', planId) id: string) {
    return this.settings.events(id);
  }

  @Policy('signed-in') @Get(':id/circular-series')
  series(@Param('id', planId) id: string) {
    return this.settings.series(id);
  }

  @Policy('plan.coordinate') @Put(':id/circular-series')
  setNextNumber(@CurrentCaller() caller: Caller, @Param('id', planId) id: string, @Body() dto: SetNextNumberDto) {
    return this.settings.setNextNumber(caller, id, dto);
  }
}
