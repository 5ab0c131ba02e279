import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type Role = 'admin' | 'coordinator' | 'leader' | 'owner';
export const ROLES: Role[] = ['admin', 'coordinator', 'leader', 'owner'];

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index({ unique: true }) @Column('text') username!: string;
  @Column('text', { name: 'display_name' }) displayName!: string;
  @Column('text', { name: 'password_hash' }) passwordHash!: string;
  @Column('text') role!: Role;
  @Index() @Column('uuid', { name: 'unit_id', nullable: true }) unitId!: string | null;
  @Column('text', { nullable: true }) email!: string | null;
  /** The head (一把手) of its unit: receives first-level escalations. */
  @Column('boolean', { name: 'is_unit_head', default: false }) isUnitHead!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
