import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('notifications')
@Index('ix_notifications_inbox', ['recipientUserId', 'createdAt'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** (event, recipient, channel): written once, however often the activity is retried. */
  @Index({ unique: true }) @Column('text', { name: 'dedupe_key' }) dedupeKey!: string;
  @Column('uuid', { name: 'recipient_user_id' }) recipientUserId!: string;
  @Column('text', { default: 'inbox' }) channel!: string;
  @Column('uuid', { name: 'project_id', nullable: true }) projectId!: string | null;
  @Column('text') kind!: string;
  @Column('int', { nullable: true }) level!: number | null;
  @Column('text') title!: string;
  @Column('text', { default: '' }) body!: string;
  @Column('jsonb', { default: {} }) data!: Record<string, unknown>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { name: 'read_at', nullable: true }) readAt!: Date | null;
}
