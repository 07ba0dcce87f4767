import { AuditedModel, Check, ForeignKeyColumn } from '@dalkit/models';
import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, HasMany, Table } from 'sequelize-typescript';

/** A product category; categories form a tree through `parent_id` (a parent with children cannot be deleted). */
@Table({ tableName: 'categories' })
@Check('categories_not_own_parent', 'parent_id <> id')
export class Category extends AuditedModel<InferAttributes<Category>, InferCreationAttributes<Category>> {
  @Column({ type: DataType.STRING(100), allowNull: false })
  declare name: string;

  /** URL-safe unique key, the natural key the seeds upsert on. */
  @Column({ type: DataType.STRING(100), allowNull: false, unique: true })
  declare slug: string;

  @ForeignKeyColumn(() => Category, { onDelete: 'RESTRICT', allowNull: true })
  declare parentId: CreationOptional<string | null>;

  @BelongsTo(() => Category, 'parentId')
  declare parent?: NonAttribute<Category>;

  @HasMany(() => Category, 'parentId')
  declare children?: NonAttribute<Category[]>;
}
