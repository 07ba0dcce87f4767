import { ConstraintViolationError, type Database, NotFoundError, ValidationError } from '@dalkit/connection';
import type { ProductRepository } from '../products/repository.js';
import type { UserRepository } from '../users/repository.js';
import type { OrderRepository } from './repository.js';

/** One requested line of an order. */
export interface OrderLineInput {
  productId: string;
  quantity: number;
}

/** The repositories an order touches. */
export interface OrderRepositories {
  orders: OrderRepository;
  products: ProductRepository;
  users: UserRepository;
}

function assertDistinctProducts(lines: readonly OrderLineInput[]): void {
  const seen = new Set<string>();
  const issues = lines.flatMap((line, i) => {
    const repeated = seen.has(line.productId);
    seen.add(line.productId);
    return repeated
      ? [{ path: `items.${i}.productId`, rule: 'unique', message: `items.${i}.productId repeats a product` }]
      : [];
  });
  if (issues.length > 0) throw new ValidationError(issues);
}

/**
 * Places an order in ONE transaction: locks the product rows (`FOR UPDATE`, always in the same
 * order so two orders never deadlock), checks and decrements stock, writes the order and its
 * items. Either all of it commits or nothing does. Out of stock is a 409 (`CHECK_VIOLATION` on
 * `products_stock_check`), an unknown product a 404, an unknown user a 400.
 */
export async function placeOrder(
  db: Database,
  repositories: OrderRepositories,
  userId: string,
  lines: readonly OrderLineInput[],
) {
  assertDistinctProducts(lines);
  const { orders, products, users } = repositories;
  return db.transaction(async () => {
    if (!(await users.findById(userId))) {
      throw new ValidationError([
        { path: 'userId', rule: 'exists', message: `userId ${userId} does not exist` },
      ]);
    }
    const ids = lines.map((line) => line.productId);
    const locked = await products.findAll({ id: { in: ids } }, { sort: ['createdAt'], lock: 'update' });
    const byId = new Map(locked.map((p) => [p.id as string, p]));
    const missing = ids.find((id) => !byId.has(id));
    if (missing) throw new NotFoundError('Product', missing);
    let totalCents = 0;
    for (const line of lines) {
      const product = byId.get(line.productId) as (typeof locked)[number];
      if (product.stock < line.quantity) {
        throw new ConstraintViolationError(
          { kind: 'check', constraint: 'products_stock_check', table: 'products', columns: ['stock'] },
          `Product ${product.id} is out of stock: ${product.stock} left, ${line.quantity} requested`,
          { details: { productId: product.id, available: product.stock, requested: line.quantity } },
        );
      }
      totalCents += Math.round(Number(product.price) * 100) * line.quantity;
    }
    for (const line of lines) {
      const product = byId.get(line.productId) as (typeof locked)[number];
      await products.update(line.productId, { stock: product.stock - line.quantity });
    }
    const order = await orders.create({ userId, total: (totalCents / 100).toFixed(2) });
    for (const line of lines) {
      const unitPrice = (byId.get(line.productId) as (typeof locked)[number]).price;
      await orders.items.create({
        orderId: order.id,
        productId: line.productId,
        quantity: line.quantity,
        unitPrice,
      });
    }
    return orders.getWithItems(order.id);
  });
}
