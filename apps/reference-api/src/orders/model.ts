import { AuditedModel, Check, ForeignKeyColumn } from '@dalkit/models';
import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, HasMany, Table } from 'sequelize-typescript';
import { Product } from '../products/model.js';
import { User } from '../users/model.js';

/** Lifecycle of an order. */
export const OrderStatus = { PLACED: 'placed', CANCELLED: 'cancelled' } as const;
/** Lifecycle of an order. */
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

/** An order placed by a user; its lines are {@link OrderItem}s. */
@Table({ tableName: 'orders' })
@Check('orders_status_check', "status IN ('placed', 'cancelled')")
@Check('orders_total_check', 'total >= 0')
export class Order extends AuditedModel<InferAttributes<Order>, InferCreationAttributes<Order>> {
  @ForeignKeyColumn(() => User, { onDelete: 'RESTRICT' })
  declare userId: string;

  @Column({ type: DataType.STRING(20), allowNull: false, defaultValue: OrderStatus.PLACED })
  declare status: CreationOptional<OrderStatus>;

  @Column({ type: DataType.DECIMAL(12, 2), allowNull: false })
  declare total: string;

  @BelongsTo(() => User)
  declare user?: NonAttribute<User>;

  @HasMany(() => OrderItem)
  declare items?: NonAttribute<OrderItem[]>;
}

/** One line of an order: a product, a quantity (> 0) and the unit price paid. */
@Table({ tableName: 'order_items' })
@Check('order_items_quantity_check', 'quantity > 0')
@Check('order_items_unit_price_check', 'unit_price >= 0')
export class OrderItem extends AuditedModel<InferAttributes<OrderItem>, InferCreationAttributes<OrderItem>> {
  @ForeignKeyColumn(() => Order, { onDelete: 'CASCADE' })
  declare orderId: string;

  @ForeignKeyColumn(() => Product, { onDelete: 'RESTRICT' })
  declare productId: string;

  @Column({ type: DataType.INTEGER, allowNull: false })
  declare quantity: number;

  @Column({ type: DataType.DECIMAL(12, 2), allowNull: false })
  declare unitPrice: string;

  @BelongsTo(() => Order)
  declare order?: NonAttribute<Order>;

  @BelongsTo(() => Product)
  declare product?: NonAttribute<Product>;
}
