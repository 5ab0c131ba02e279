import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from '../../common/auth';
import { NotFoundError } from '../../common/errors';
import { IdempotencyService } from '../../common/idempotency';
import { AnswerRectificationDto, CreateRectificationDto, ListRectificationsQueryDto, VerifyRectificationDto } from './rectifications.dto';
import { RectificationsService } from './rectifications.service';
import { Policy } from '../../policy/policy.decorator';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('No such rectification item', 'id') });

@ApiTags('rectifications')
@ApiBearerAuth()
@Controller('api/rectifications')
export class RectificationsController {
  constructor(
    private readonly rectifications: RectificationsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Policy('plan.coordinate') @Post() @ApiHeader({ name: 'Idempotency-Key', required: false })
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateRectificationDto, @Headers('idempotency-key') key?: string) {
    return this.rectifications.create(caller, dto, this.idempotency.validateKey(key));
  }

  @Policy('rectification.read') @Get()
  list(@CurrentCaller() caller: Caller, @Query() q: ListRectificationsQueryDto) {
    return this.rectifications.list(caller, q);
  }

  @Policy('rectification.read') @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.rectifications.get(caller, id);
  }

  @Policy('rectification.answer') @Post(':id/answer') @HttpCode(200) @ApiHeader({ name: 'Idempotency-Key', required: false })
  answer(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() dto: AnswerRectificationDto, @Headers('idempotency-key') key?: string) {
    return this.rectifications.answer(caller, id, dto, this.idempotency.validateKey(key));
  }

  @Policy('rectification.coordinate') @Post(':id/verify') @HttpCode(200) @ApiHeader({ name: 'Idempotency-Key', required: false })
  verify(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() dto: VerifyRectificationDto, @Headers('idempotency-key') key?: string) {
    return this.rectifications.verify(caller, id, dto, this.idempotency.validateKey(key));
  }
}
