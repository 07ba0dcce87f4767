import type { Transaction } from 'sequelize';
import type { ListSpec } from '../_pending/list-query.js';
import { Repository } from '../_pending/repository.js';
import { Order, OrderItem } from './model.js';

/** What `GET /orders` may filter and sort on. */
export const ORDER_LIST: ListSpec = {
  filterable: {
    userId: { type: 'uuid', ops: ['eq'] },
    status: { type: 'string', ops: ['eq', 'in'] },
    total: { type: 'decimal', ops: ['gte', 'lte'] },
    createdAt: { type: 'date', ops: ['gte', 'lt'] },
  },
  sortable: ['createdAt', 'total'],
  defaultSort: ['-createdAt'],
};

/** Orders and their items. */
export class OrderRepository extends Repository<Order> {
  constructor() {
    super(Order, 'Order');
  }

  /** The order with its items; `NotFoundError` when absent. */
  async getWithItems(id: string, transaction?: Transaction): Promise<Order> {
    const order = await this.getById(id, { transaction });
    const items = await OrderItem.findAll({
      where: { orderId: id },
      order: [['productId', 'ASC']],
      transaction,
    });
    order.items = items;
    return order;
  }
}
