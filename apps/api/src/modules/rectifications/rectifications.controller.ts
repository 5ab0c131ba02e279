import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from '../../common/auth';
import { NotFoundError } from '../../common/errors';
import { Idempotent, IdempotencyKey } from '../../common/idempotency';
import { AnswerRectificationDto, CreateRectificationDto, ListRectificationsQueryDto, VerifyRectificationDto } from './rectifications.dto';
import { RectificationsService } from './rectifications.service';
import { Policy } from '../../policy/policy.decorator';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('No such rectification item', 'id') });

@ApiTags('rectifications')
@ApiBearerAuth()
@Controller('api/rectifications')
export class RectificationsController {
  constructor(private readonly rectifications: RectificationsService) {}

  @Policy('plan.coordinate') @Post()
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateRectificationDto, @IdempotencyKey() idem: Idempotent) {
    return this.rectifications.create(caller, dto, idem);
  }

  @Policy('rectification.read') @Get()
  list(@CurrentCaller() caller: Caller, @Query() q: ListRectificationsQueryDto) {
    return this.rectifications.list(caller, q);
  }

  @Policy('rectification.read') @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.rectifications.get(caller, id);
  }

  @Policy('rectification.answer') @Post(':id/answer') @HttpCode(200)
  answer(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() dto: AnswerRectificationDto, @IdempotencyKey() idem: Idempotent) {
    return this.rectifications.answer(caller, id, dto, idem);
  }

  @Policy('rectification.coordinate') @Post(':id/verify') @HttpCode(200)
  verify(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() dto: VerifyRectificationDto, @IdempotencyKey() idem: Idempotent) {
    return this.rectifications.verify(caller, id, dto, idem);
  }
}
