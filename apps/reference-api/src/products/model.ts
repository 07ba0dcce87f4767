import { BelongsTo, BelongsToMany, Column, DataType, ForeignKey, Table } from 'sequelize-typescript';
import { AuditedModel } from '../_pending/models.js';
import { Category } from '../categories/model.js';

/** Something for sale, with a price (never negative) and a stock count (never negative). */
@Table({ tableName: 'products', underscored: true })
export class Product extends AuditedModel {
  @Column({ type: DataType.STRING(40), allowNull: false, unique: true })
  declare sku: string;

  @Column({ type: DataType.STRING(200), allowNull: false })
  declare name: string;

  /** NUMERIC(12,2); read back as a string by pg, exposed as a number by the API. */
  @Column({ type: DataType.DECIMAL(12, 2), allowNull: false })
  declare price: string;

  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 0 })
  declare stock: number;

  @BelongsToMany(
    () => Category,
    () => ProductCategory,
  )
  declare categories?: Category[];
}

/** Junction of products and categories (many-to-many), audited like every entity. */
@Table({ tableName: 'product_categories', underscored: true })
export class ProductCategory extends AuditedModel {
  @ForeignKey(() => Product)
  @Column({ type: DataType.UUID, allowNull: false, field: 'product_id' })
  declare productId: string;

  @ForeignKey(() => Category)
  @Column({ type: DataType.UUID, allowNull: false, field: 'category_id' })
  declare categoryId: string;

  @BelongsTo(() => Product, { foreignKey: 'productId', onDelete: 'CASCADE' })
  declare product?: Product;

  @BelongsTo(() => Category, { foreignKey: 'categoryId', onDelete: 'CASCADE' })
  declare category?: Category;
}
