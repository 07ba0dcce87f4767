import type { Database } from '@dalkit/connection';
import { ConstraintViolationError, NotFoundError, ValidationError } from '@dalkit/connection';
import { Op } from 'sequelize';
import { Product } from '../products/model.js';
import { User } from '../users/model.js';
import { Order, OrderItem } from './model.js';
import { OrderRepository } from './repository.js';

/** One requested line of an order. */
export interface OrderLineInput {
  productId: string;
  quantity: number;
}

/**
 * Places an order in ONE transaction: locks the product rows (`FOR UPDATE`, in id order so two
 * orders never deadlock), checks and decrements stock, writes the order and its items. Either
 * all of it commits or nothing does. Out of stock is a 409 (`CHECK_VIOLATION` on
 * `products_stock_check`), an unknown product a 404.
 */
export async function placeOrder(
  db: Database,
  userId: string,
  lines: readonly OrderLineInput[],
): Promise<Order> {
  const seen = new Set<string>();
  const duplicates: number[] = [];
  lines.forEach((line, i) => {
    if (seen.has(line.productId)) duplicates.push(i);
    seen.add(line.productId);
  });
  if (duplicates.length > 0) {
    throw new ValidationError(
      duplicates.map((i) => ({
        path: `items.${i}.productId`,
        rule: 'unique',
        message: `items.${i}.productId repeats a product`,
      })),
    );
  }
  const orders = new OrderRepository();
  return db.transaction(async (transaction) => {
    const user = await User.findByPk(userId, { attributes: ['id'], transaction });
    if (!user)
      throw new ValidationError([
        { path: 'userId', rule: 'exists', message: `userId ${userId} does not exist` },
      ]);
    const ids = [...seen].sort();
    const products = await Product.findAll({
      where: { id: { [Op.in]: ids } },
      order: [['id', 'ASC']],
      lock: transaction.LOCK.UPDATE,
      transaction,
    });
    const byId = new Map(products.map((p) => [p.id, p]));
    const missing = ids.find((id) => !byId.has(id));
    if (missing) throw new NotFoundError('Product', missing);
    let totalCents = 0;
    for (const line of lines) {
      const product = byId.get(line.productId) as Product;
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
      await Product.decrement('stock', { by: line.quantity, where: { id: line.productId }, transaction });
    }
    const order = await Order.create({ userId, total: (totalCents / 100).toFixed(2) }, { transaction });
    await OrderItem.bulkCreate(
      lines.map((line) => ({
        orderId: order.id,
        productId: line.productId,
        quantity: line.quantity,
        unitPrice: (byId.get(line.productId) as Product).price,
      })),
      { transaction },
    );
    return orders.getWithItems(order.id, transaction);
  });
}
