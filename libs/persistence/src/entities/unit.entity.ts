import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A node of the unit tree: city bureau → district/county bureaus → schools, departments under a bureau. */
@Entity('units')
export class UnitEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index({ unique: true }) @Column('text') code!: string;
  @Column('text') name!: string;
  @Column('text', { default: 'bureau' }) type!: string;
  @Column('uuid', { name: 'parent_id', nullable: true }) parentId!: string | null;
  /** Ancestor ids joined by '/', ending with its own id: subtree queries are a prefix match. */
  @Index() @Column('text') path!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
