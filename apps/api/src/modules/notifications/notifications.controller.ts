import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from '../../common/auth';
import { NotFoundError } from '../../common/errors';
import { InboxQueryDto, ListDeliveriesQueryDto } from './notifications.dto';
import { NotificationsService } from './notifications.service';
import { Policy } from '../../policy/policy.decorator';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('No such notification', 'id') });

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Policy('self') @Get('notifications')
  inbox(@CurrentCaller() caller: Caller, @Query() q: InboxQueryDto) {
    return this.notifications.inbox(caller, q);
  }

  @Policy('self') @Post('notifications/:id/read') @HttpCode(200)
  read(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.notifications.markRead(caller, id);
  }

  @Policy('deliveries.read') @Get('notification-deliveries')
  deliveries(@CurrentCaller() caller: Caller, @Query() q: ListDeliveriesQueryDto) {
    return this.notifications.deliveries(caller, q);
  }

  @Policy('deliveries.read') @Get('notifications/:id/deliveries')
  ofNotification(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Query() q: ListDeliveriesQueryDto) {
    return this.notifications.deliveries(caller, { ...q, notificationId: id });
  }
}
