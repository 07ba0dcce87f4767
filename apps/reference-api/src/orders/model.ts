import { BelongsTo, Column, DataType, ForeignKey, HasMany, Table } from 'sequelize-typescript';
import { AuditedModel } from '../_pending/models.js';
import { Product } from '../products/model.js';
import { User } from '../users/model.js';

/** Lifecycle of an order. */
export const OrderStatus = { PLACED: 'placed', CANCELLED: 'cancelled' } as const;
/** Lifecycle of an order. */
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

/** An order placed by a user; its lines are {@link OrderItem}s. */
@Table({ tableName: 'orders', underscored: true })
export class Order extends AuditedModel {
  @ForeignKey(() => User)
  @Column({ type: DataType.UUID, allowNull: false, field: 'user_id' })
  declare userId: string;

  @Column({ type: DataType.STRING(20), allowNull: false, defaultValue: OrderStatus.PLACED })
  declare status: OrderStatus;

  @Column({ type: DataType.DECIMAL(12, 2), allowNull: false })
  declare total: string;

  @BelongsTo(() => User, { foreignKey: 'userId', onDelete: 'RESTRICT' })
  declare user?: User;

  @HasMany(() => OrderItem, { foreignKey: 'orderId', onDelete: 'CASCADE' })
  declare items?: OrderItem[];
}

/** One line of an order: a product, a quantity (> 0) and the unit price paid. */
@Table({ tableName: 'order_items', underscored: true })
export class OrderItem extends AuditedModel {
  @ForeignKey(() => Order)
  @Column({ type: DataType.UUID, allowNull: false, field: 'order_id' })
  declare orderId: string;

  @ForeignKey(() => Product)
  @Column({ type: DataType.UUID, allowNull: false, field: 'product_id' })
  declare productId: string;

  @Column({ type: DataType.INTEGER, allowNull: false })
  declare quantity: number;

  @Column({ type: DataType.DECIMAL(12, 2), allowNull: false, field: 'unit_price' })
  declare unitPrice: string;

  @BelongsTo(() => Order, { foreignKey: 'orderId', onDelete: 'CASCADE' })
  declare order?: Order;

  @BelongsTo(() => Product, { foreignKey: 'productId', onDelete: 'RESTRICT' })
  declare product?: Product;
}
