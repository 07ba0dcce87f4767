import { BelongsTo, Column, DataType, ForeignKey, HasMany, Table } from 'sequelize-typescript';
import { AuditedModel } from '../_pending/models.js';

/** A product category; categories form a tree through `parent_id`. */
@Table({ tableName: 'categories', underscored: true })
export class Category extends AuditedModel {
  @Column({ type: DataType.STRING(100), allowNull: false })
  declare name: string;

  /** URL-safe unique key, the natural key the seeds upsert on. */
  @Column({ type: DataType.STRING(100), allowNull: false, unique: true })
  declare slug: string;

  @ForeignKey(() => Category)
  @Column({ type: DataType.UUID, field: 'parent_id' })
  declare parentId: string | null;

  @BelongsTo(() => Category, { foreignKey: 'parentId', onDelete: 'RESTRICT' })
  declare parent?: Category;

  @HasMany(() => Category, { foreignKey: 'parentId' })
  declare children?: Category[];
}
