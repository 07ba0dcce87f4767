import { Repository } from '@dalkit/repository';
import { Order, OrderItem } from './model.js';

type Filterable = 'userId' | 'status' | 'total' | 'createdAt';
type Sortable = 'createdAt' | 'total';

/** Order lines. */
export class OrderItemRepository extends Repository<OrderItem, 'orderId', 'productId'> {
  constructor() {
    super(OrderItem, { filterable: ['orderId'], sortable: ['productId'] });
  }
}

/** Orders and their items. */
export class OrderRepository extends Repository<Order, Filterable, Sortable> {
  readonly items = new OrderItemRepository();

  constructor(cursorSecret?: string) {
    super(Order, {
      filterable: ['userId', 'status', 'total', 'createdAt'],
      sortable: ['createdAt', 'total'],
      defaultSort: ['-createdAt'],
      maxPageSize: 100,
      ...(cursorSecret ? { cursorSecret } : {}),
    });
  }

  /** The order with its items, as plain objects; `NotFoundError` when absent. */
  async getWithItems(id: string) {
    const order = await this.getById(id);
    const items = await this.items.findAll({ orderId: id }, { sort: ['productId'] });
    return { ...order, items };
  }
}
