import { type RepositoryOptions, repositoryFor } from '../../src/index.js';
import { Order, OrderTag, Tag, User } from './models.js';

/** The order repository every integration test uses. */
export function orderRepository(extra: Omit<RepositoryOptions, 'filterable' | 'sortable'> = {}) {
  return repositoryFor(Order, {
    filterable: [
      'id',
      'status',
      'total',
      'note',
      'placedAt',
      'userId',
      'user.email',
      'user.name',
      'tags.label',
    ],
    sortable: ['total', 'placedAt', 'status', 'note', 'id'],
    ...extra,
    cursorSecret: extra.cursorSecret ?? 'test-secret',
  });
}

/** Three users, six orders, two tags; returns the users. */
export async function seed(): Promise<{ ann: User; bob: User; cat: User }> {
  await OrderTag.destroy({ where: {}, truncate: false });
  await Order.destroy({ where: {}, force: true });
  await Tag.destroy({ where: {} });
  await User.destroy({ where: {} });
  const ann = await User.create({ email: 'ann@x.com', name: 'Ann', age: 30 });
  const bob = await User.create({ email: 'bob@y.org', name: 'Bob', age: null });
  const cat = await User.create({ email: 'cat@x.com', name: 'Cat', age: 41, active: false });
  const day = (d: number) => new Date(Date.UTC(2026, 0, d));
  const orders = await Order.bulkCreate([
    { userId: ann.id, status: 'paid', total: 100, note: 'gift', placedAt: day(1) },
    { userId: ann.id, status: 'new', total: 250, note: null, placedAt: day(2) },
    { userId: bob.id, status: 'paid', total: 250, note: 'Rush', placedAt: day(3) },
    { userId: bob.id, status: 'shipped', total: 40, note: null, placedAt: day(4) },
    { userId: cat.id, status: 'cancelled', total: 999, note: 'gift wrap', placedAt: day(5) },
    { userId: cat.id, status: 'paid', total: 10, note: null, placedAt: day(6) },
  ]);
  const [red, blue] = await Tag.bulkCreate([{ label: 'red' }, { label: 'blue' }]);
  await OrderTag.bulkCreate([
    { orderId: orders[0]?.id, tagId: red?.id },
    { orderId: orders[0]?.id, tagId: blue?.id },
    { orderId: orders[2]?.id, tagId: blue?.id },
  ]);
  return { ann, bob, cat };
}
