import { Controller, Get, HttpCode, Injectable, Module, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { Caller, CurrentCaller } from '../../common/auth';
import { PageQueryDto } from '../../common/dto';
import { NotFoundError } from '../../common/errors';

export class InboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() unread?: boolean;
}

const view = (n: Record<string, any>) => ({
  id: n.id, kind: n.kind, level: n.level, title: n.title, body: n.body, projectId: n.project_id, channel: n.channel, data: n.data,
  createdAt: new Date(n.created_at).toISOString(), readAt: n.read_at ? new Date(n.read_at).toISOString() : null,
});

@Injectable()
export class NotificationsService {
  constructor(private readonly ds: DataSource) {}

  async inbox(caller: Caller, q: InboxQueryDto) {
    const where = `recipient_user_id = $1 AND channel = 'inbox'${q.unread ? ' AND read_at IS NULL' : ''}`;
    const rows = await this.ds.query(`SELECT * FROM notifications WHERE ${where} ORDER BY created_at, id LIMIT $2 OFFSET $3`, [caller.userId, q.pageSize, (q.page - 1) * q.pageSize]);
    const [{ total, unread }] = await this.ds.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread FROM notifications WHERE recipient_user_id = $1 AND channel = 'inbox'`,
      [caller.userId],
    );
    return { items: rows.map(view), page: q.page, pageSize: q.pageSize, total, unread };
  }

  async markRead(caller: Caller, id: string) {
    // An UPDATE answers [rows, affected count].
    const [rows]: [Array<Record<string, any>>, number] = await this.ds.query(
      `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND recipient_user_id = $2 RETURNING *`,
      [id, caller.userId],
    );
    if (!rows.length) throw new NotFoundError(`No notification ${id} in your inbox`, 'id');
    return view(rows[0]);
  }
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  inbox(@CurrentCaller() caller: Caller, @Query() q: InboxQueryDto) {
    return this.notifications.inbox(caller, q);
  }

  @Post(':id/read') @HttpCode(200)
  read(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('No such notification', 'id') })) id: string) {
    return this.notifications.markRead(caller, id);
  }
}

@Module({ controllers: [NotificationsController], providers: [NotificationsService] })
export class NotificationsModule {}
