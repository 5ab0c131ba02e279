import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from '../../common/auth';
import { NotFoundError } from '../../common/errors';
import { Idempotent, IdempotencyKey } from '../../common/idempotency';
import { DispatchScheduleDto, ListRoundsQueryDto, StartRoundDto } from './dispatch.dto';
import { DispatchService } from './dispatch.service';
import { Policy } from '../../policy/policy.decorator';
import { AccessPolicy } from '../../policy/access.policy';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('No such resource', 'id') });

@ApiTags('dispatch')
@ApiBearerAuth()
@Controller('api')
export class DispatchController {
  constructor(
    private readonly dispatch: DispatchService,
    private readonly policy: AccessPolicy,
  ) {}

  @Policy('plan.coordinate') @Put('plans/:id/dispatch-schedule')
  putSchedule(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() dto: DispatchScheduleDto) {
    return this.dispatch.putSchedule(caller, id, dto);
  }

  @Policy('round.read') @Get('plans/:id/dispatch-schedule')
  async getSchedule(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    await this.policy.followPlan(caller, id, new NotFoundError(`Plan ${id} has no dispatch schedule`, 'id'));
    return this.dispatch.getSchedule(id);
  }

  @Policy('plan.coordinate') @Delete('plans/:id/dispatch-schedule') @HttpCode(204)
  deleteSchedule(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.dispatch.deleteSchedule(caller, id);
  }

  @Policy('plan.coordinate') @Post('plans/:id/dispatch-rounds')
  startRound(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() dto: StartRoundDto, @IdempotencyKey() idem: Idempotent) {
    return this.dispatch.startRound(caller, id, dto, idem);
  }

  @Policy('round.read') @Get('plans/:id/dispatch-rounds')
  listRounds(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Query() q: ListRoundsQueryDto) {
    return this.dispatch.listRounds(caller, id, q.page, q.pageSize);
  }

  @Policy('round.read') @Get('dispatch-rounds/:id')
  round(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.dispatch.round(caller, id);
  }
}
