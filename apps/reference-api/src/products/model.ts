import { AuditedModel, Check, ForeignKeyColumn } from '@dalkit/models';
import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, BelongsToMany, Column, DataType, Table } from 'sequelize-typescript';
import { Category } from '../categories/model.js';

/** Something for sale, with a price (never negative) and a stock count (never negative). */
@Table({ tableName: 'products' })
@Check('products_price_check', 'price >= 0')
@Check('products_stock_check', 'stock >= 0')
export class Product extends AuditedModel<InferAttributes<Product>, InferCreationAttributes<Product>> {
  @Column({ type: DataType.STRING(40), allowNull: false, unique: true })
  declare sku: string;

  @Column({ type: DataType.STRING(200), allowNull: false })
  declare name: string;

  /** NUMERIC(12,2); read back as a string by pg, exposed as a number by the API. */
  @Column({ type: DataType.DECIMAL(12, 2), allowNull: false })
  declare price: string;

  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 0 })
  declare stock: CreationOptional<number>;

  @BelongsToMany(
    () => Category,
    () => ProductCategory,
  )
  declare categories?: NonAttribute<Category[]>;
}

/** Junction of products and categories (many-to-many), audited like every entity. */
@Table({ tableName: 'product_categories' })
export class ProductCategory extends AuditedModel<
  InferAttributes<ProductCategory>,
  InferCreationAttributes<ProductCategory>
> {
  @ForeignKeyColumn(() => Product, { onDelete: 'CASCADE' })
  declare productId: string;

  @ForeignKeyColumn(() => Category, { onDelete: 'CASCADE' })
  declare categoryId: string;

  @BelongsTo(() => Product)
  declare product?: NonAttribute<Product>;

  @BelongsTo(() => Category)
  declare category?: NonAttribute<Category>;
}
