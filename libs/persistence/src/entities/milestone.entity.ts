import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('milestones')
export class MilestoneEntity {
  @PrimaryColumn('uuid', { name: 'project_id' }) projectId!: string;
  @PrimaryColumn('text', { name: 'milestone_id' }) milestoneId!: string;
  @Column('text') name!: string;
  @Column('int', { name: 'sort_order', default: 0 }) sortOrder!: number;
  @Index() @Column('timestamptz', { name: 'due_at' }) dueAt!: Date;
  @Column('double precision', { default: 1 }) weight!: number;
  /** pending | submitted | accepted | returned */
  @Column('text') state!: string;
  @Column('boolean', { default: false }) overdue!: boolean;
  @Column('text', { default: 'green' }) status!: string;
  @Column('jsonb', { name: 'status_reasons', default: [] }) statusReasons!: unknown[];
  @Column('int', { name: 'escalation_level', default: 0 }) escalationLevel!: number;
  @Column('timestamptz', { name: 'accepted_at', nullable: true }) acceptedAt!: Date | null;
  /** Accepted after the deadline: by how long, in calendar days and in working days of the plan's calendar (NULL: on time or open). */
  @Column('bigint', { name: 'late_millis', nullable: true }) lateMillis!: string | null;
  @Column('int', { name: 'late_days', nullable: true }) lateDays!: number | null;
  @Column('int', { name: 'late_working_days', nullable: true }) lateWorkingDays!: number | null;
  @Column('date', { name: 'reached_on', nullable: true }) reachedOn!: string | null;
  /** The next reminder or escalation still to fire: {kind, at, level?}. */
  @Column('jsonb', { name: 'next_event', nullable: true }) nextEvent!: Record<string, unknown> | null;
}
