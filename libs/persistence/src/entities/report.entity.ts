import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('reports')
export class ReportEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index() @Column('uuid', { name: 'project_id' }) projectId!: string;
  @Column('text', { name: 'milestone_id', nullable: true }) milestoneId!: string | null;
  @Column('uuid', { name: 'submitted_by' }) submittedBy!: string;
  @Column('timestamptz', { name: 'submitted_at' }) submittedAt!: Date;
  @Column('jsonb', { default: {} }) figures!: Record<string, unknown>;
  @Column('text', { default: '' }) narrative!: string;
  @Column('jsonb', { default: [] }) evidence!: unknown[];
  /** submitted | accepted | returned */
  @Column('text') state!: string;
  @Column('uuid', { name: 'reviewed_by', nullable: true }) reviewedBy!: string | null;
  @Column('timestamptz', { name: 'reviewed_at', nullable: true }) reviewedAt!: Date | null;
  @Column('text', { name: 'review_comment', nullable: true }) reviewComment!: string | null;
  @Column('date', { name: 'reached_on', nullable: true }) reachedOn!: string | null;
}
