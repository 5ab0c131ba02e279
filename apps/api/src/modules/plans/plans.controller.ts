import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from '../../common/auth';
import { PageQueryDto } from '../../common/dto';
import { NotFoundError } from '../../common/errors';
import { CreatePlanDto } from './plans.dto';
import { PlansService } from './plans.service';
import { Policy } from '../../policy/policy.decorator';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('api/plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Policy('plan.create') @Post()
  create(@CurrentCaller() caller: Caller, @Body() dto: CreatePlanDto) {
    return this.plans.create(caller, dto);
  }

  @Policy('signed-in') @Get()
  list(@Query() q: PageQueryDto) {
    return this.plans.list(q);
  }

  @Policy('signed-in') @Get(':id')
  get(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('No such plan', 'id') })) id: string) {
    return this.plans.get(id);
  }
}
