import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('plans')
export class PlanEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('int') year!: number;
  @Column('uuid', { name: 'owner_unit_id', nullable: true }) ownerUnitId!: string | null;
  @Column('text', { name: 'time_zone', default: 'Asia/Shanghai' }) timeZone!: string;
  /** The deadline policy of every project of the plan unless a project overrides it. */
  @Column('jsonb', { default: {} }) policy!: Record<string, unknown>;
  @Column('jsonb', { name: 'portfolio_targets', default: [] }) portfolioTargets!: unknown[];
  @Column('uuid', { name: 'coordinator_ids', array: true, default: () => "'{}'" }) coordinatorIds!: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
