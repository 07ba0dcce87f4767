// Models of a small shop, written the dalkit way: camelCase properties, snake_case columns.
import { AuditedModel, Check, Encrypted, ForeignKeyColumn, Rules } from '@dalkit/models';
import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, BelongsToMany, Column, DataType, HasMany, Table } from 'sequelize-typescript';

@Table({ tableName: 'customers' })
export class Customer extends AuditedModel<InferAttributes<Customer>, InferCreationAttributes<Customer>> {
  @Rules({ required: true, length: { min: 2, max: 80 } })
  @Column(DataType.STRING(80))
  declare name: string;

  // Stored as AES-256-GCM ciphertext; found by equality through its blind index.
  @Rules({ required: true, email: true })
  @Encrypted({ blindIndex: { normalize: (v) => v.trim().toLowerCase(), unique: true } })
  @Column(DataType.TEXT)
  declare email: string;

  @HasMany(() => Order)
  declare orders?: NonAttribute<Order[]>;
}

@Table({ tableName: 'orders', paranoid: true, version: true })
@Check('orders_total_non_negative', 'total_cents >= 0')
export class Order extends AuditedModel<InferAttributes<Order>, InferCreationAttributes<Order>> {
  // One-to-many: an order goes when its customer is deleted.
  @ForeignKeyColumn(() => Customer, { onDelete: 'CASCADE' })
  declare customerId: string;

  @Rules({ required: true, enum: ['open', 'paid', 'shipped'] })
  @Column(DataType.STRING(10))
  declare status: string;

  @Rules({ range: { min: 0 } })
  @Column(DataType.INTEGER)
  declare totalCents: number;

  declare deletedAt: CreationOptional<Date | null>;
  declare version: CreationOptional<number>;

  @BelongsTo(() => Customer)
  declare customer?: NonAttribute<Customer>;

  @BelongsToMany(
    () => Product,
    () => OrderProduct,
  )
  declare products?: NonAttribute<Product[]>;
}

@Table({ tableName: 'products' })
export class Product extends AuditedModel<InferAttributes<Product>, InferCreationAttributes<Product>> {
  @Rules({ required: true, pattern: /^[A-Z]{3}-\d{3}$/ })
  @Column({ type: DataType.STRING(7), unique: true })
  declare sku: string;

  // Self-reference: a variant points at its base product; SET NULL when the base goes.
  @ForeignKeyColumn(() => Product, { onDelete: 'SET NULL', allowNull: true })
  declare baseProductId: CreationOptional<string | null>;

  @BelongsTo(() => Product, 'baseProductId')
  declare baseProduct?: NonAttribute<Product>;
}

// Many-to-many through an explicit junction model with its own id and audit columns.
@Table({ tableName: 'order_products' })
export class OrderProduct extends AuditedModel<
  InferAttributes<OrderProduct>,
  InferCreationAttributes<OrderProduct>
> {
  @ForeignKeyColumn(() => Order, { onDelete: 'CASCADE' })
  declare orderId: string;

  @ForeignKeyColumn(() => Product, { onDelete: 'RESTRICT' })
  declare productId: string;
}

export const SHOP_MODELS = [Customer, Order, Product, OrderProduct] as const;
