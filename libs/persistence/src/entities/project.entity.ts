import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Read model of one key project, written only by its workflow's projection activity. */
@Entity('projects')
@Index('ix_projects_plan_status', ['planId', 'status'])
@Index('ix_projects_unit_status', ['leadUnitId', 'status'])
export class ProjectEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'plan_id' }) planId!: string;
  @Index() @Column('text') kind!: string;
  @Column('text') name!: string;
  @Column('uuid', { name: 'lead_unit_id' }) leadUnitId!: string;
  /** Materialised path of the lead unit, so unit-scope filters are one index range scan. */
  @Index() @Column('text', { name: 'lead_unit_path' }) leadUnitPath!: string;
  @Column('uuid', { name: 'owner_user_id' }) ownerUserId!: string;
  @Column('text', { name: 'responsible_head', nullable: true }) responsibleHead!: string | null;
  @Column('date', { name: 'start_date' }) startDate!: string;
  @Column('date', { name: 'due_date' }) dueDate!: string;
  @Column('jsonb', { default: {} }) targets!: Record<string, unknown>;
  @Column('jsonb', { default: {} }) policy!: Record<string, unknown>;
  @Column('text', { default: 'green' }) status!: string;
  @Column('jsonb', { name: 'status_reasons', default: [] }) statusReasons!: unknown[];
  @Column('jsonb', { default: {} }) metrics!: Record<string, unknown>;
  @Index() @Column('timestamptz', { name: 'next_deadline', nullable: true }) nextDeadline!: Date | null;
  @Column('int', { name: 'escalation_level', default: 0 }) escalationLevel!: number;
  @Column('text', { name: 'workflow_id' }) workflowId!: string;
  /** Monotonic state version from the workflow; a projection never moves the row backwards. */
  @Column('bigint', { default: 0 }) version!: string;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
