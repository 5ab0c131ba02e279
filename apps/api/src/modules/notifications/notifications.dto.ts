import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/dto';

export class InboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() unread?: boolean;
}

export class ListDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) eventKey?: string;
  @ApiPropertyOptional({ enum: ['email', 'webhook'] }) @IsOptional() @IsIn(['email', 'webhook']) channel?: string;
  @ApiPropertyOptional({ enum: ['pending', 'retrying', 'delivered', 'failed'] }) @IsOptional() @IsIn(['pending', 'retrying', 'delivered', 'failed']) state?: string;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export const notificationView = (n: Record<string, any>) => ({
  id: n.id, kind: n.kind, level: n.level, title: n.title, body: n.body, projectId: n.project_id, channel: n.channel, data: n.data,
  // The notice as data; title and body are rendered from it in the reader's language (older rows keep their stored text).
  ...(n.code ? { code: n.code, params: n.params ?? {} } : {}),
  createdAt: new Date(n.created_at).toISOString(), readAt: n.read_at ? new Date(n.read_at).toISOString() : null,
});

export function deliveryView(d: Record<string, any>) {
  let address = d.address as string;
  if (d.channel === 'webhook') {
    try {
      const u = new URL(address);
      address = `${u.origin}${u.pathname}`; // robots carry their access token in the query
    } catch {
      address = '(invalid URL)';
    }
  }
  return {
    id: d.id, eventKey: d.event_key, channel: d.channel, format: d.format, recipient: d.recipient, recipientUserId: d.recipient_user_id, address,
    kind: d.kind, title: d.title, state: d.state, attempts: d.attempts, lastError: d.last_error,
    ...(d.code ? { code: d.code, params: d.params ?? {} } : {}),
    createdAt: iso(d.created_at), updatedAt: iso(d.updated_at), deliveredAt: iso(d.delivered_at),
  };
}
