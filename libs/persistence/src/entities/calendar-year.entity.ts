import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The official working-day calendar of one year (and locality), seeded from a package and editable by an admin. */
@Entity('calendar_years')
export class CalendarYearEntity {
  @PrimaryColumn('text') locality!: string;
  @PrimaryColumn('int') year!: number;
  @Column('text', { array: true, default: () => "'{}'" }) holidays!: string[];
  @Column('text', { array: true, default: () => "'{}'" }) workdays!: string[];
  @Column('text', { default: 'package' }) source!: string;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
