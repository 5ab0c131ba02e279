import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('extension_requests')
export class ExtensionRequestEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index() @Column('uuid', { name: 'project_id' }) projectId!: string;
  @Column('text', { name: 'milestone_id' }) milestoneId!: string;
  @Column('uuid', { name: 'requested_by' }) requestedBy!: string;
  @Column('timestamptz', { name: 'requested_at' }) requestedAt!: Date;
  @Column('timestamptz', { name: 'new_due_at' }) newDueAt!: Date;
  @Column('text', { default: '' }) reason!: string;
  /** pending | approved | refused */
  @Column('text') state!: string;
  @Column('uuid', { name: 'decided_by', nullable: true }) decidedBy!: string | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt!: Date | null;
  @Column('text', { name: 'decision_comment', nullable: true }) decisionComment!: string | null;
}
