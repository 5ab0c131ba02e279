import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The audit trail: every action and automatic step of a project, numbered by its workflow. */
@Entity('project_events')
export class ProjectEventEntity {
  @PrimaryColumn('uuid', { name: 'project_id' }) projectId!: string;
  @PrimaryColumn('int') seq!: number;
  @Column('text') type!: string;
  /** A user id, or 'system' for automatic steps. */
  @Column('text') actor!: string;
  @Index() @Column('timestamptz') at!: Date;
  @Column('jsonb', { default: {} }) data!: Record<string, unknown>;
}
