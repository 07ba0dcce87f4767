// Soft delete with restore, and optimistic locking that refuses a stale write.
import { isDalkitError } from '@dalkit/connection';
import { Customer, Order } from './models.js';

export async function softDeleteAndLocking() {
  const customer = await Customer.create({ name: 'Linus', email: 'linus@example.com' });
  const order = await Order.create({ customerId: customer.id, status: 'open', totalCents: 500 });

  await order.destroy(); // sets deleted_at
  const hidden = await Order.findByPk(order.id); // null: excluded from default queries
  await order.restore();

  const mine = await Order.findByPk(order.id, { rejectOnEmpty: true });
  const theirs = await Order.findByPk(order.id, { rejectOnEmpty: true });
  await theirs.update({ status: 'paid' });
  let conflict = '';
  try {
    await mine.update({ status: 'shipped' }); // read before their update: stale
  } catch (error) {
    if (!isDalkitError(error, 'STALE_VERSION')) throw error;
    conflict = error.code;
  }
  return {
    hiddenAfterDelete: hidden === null,
    restored: (await Order.findByPk(order.id)) !== null,
    conflict,
  };
}
