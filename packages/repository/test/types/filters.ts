/**
 * Compile-time checks, run by `pnpm typecheck` (and by test/unit/types.test.ts): every
 * `@ts-expect-error` line must fail to compile, every other line must compile.
 */
import { repositoryFor } from '../../src/index.js';
import { Order } from '../support/models.js';

const orders = repositoryFor(Order, {
  filterable: ['status', 'total', 'placedAt', 'note', 'user.email', 'tags.label'],
  sortable: ['total', 'placedAt'],
});

export async function typeChecks(): Promise<void> {
  await orders.findAll({ status: 'paid', total: { gte: 10 }, 'user.email': { ilike: '%@x.com' } });
  await orders.findAll({ or: [{ status: 'new' }, { total: { between: [1, 5] } }], not: { note: null } });
  await orders.findAll({ placedAt: { gte: '2026-01-01' }, 'tags.label': { in: ['red'] } });
  await orders.findAll({}, { sort: ['-total', { field: 'placedAt', nulls: 'last' }] });

  // @ts-expect-error createdAt is a real column but not filterable
  await orders.findAll({ createdAt: { gt: new Date() } });
  // @ts-expect-error unknown field
  await orders.findAll({ secret: 1 });
  // @ts-expect-error unknown relation field
  await orders.findAll({ 'user.password': 'x' });
  // @ts-expect-error a string where a number belongs
  await orders.findAll({ total: '10' });
  // @ts-expect-error a string inside an operator on a number field
  await orders.findAll({ total: { gte: 'ten' } });
  // @ts-expect-error like only applies to text fields
  await orders.findAll({ total: { like: '1%' } });
  // @ts-expect-error a number where a string belongs
  await orders.findAll({ status: 5 });
  // @ts-expect-error unknown operator
  await orders.findAll({ total: { $gt: 1 } });
  // @ts-expect-error between takes exactly two values
  await orders.findAll({ total: { between: [1] } });
  // @ts-expect-error sort key outside the allowlist
  await orders.findAll({}, { sort: ['-createdAt'] });

  const plain = await orders.findById(1);
  const total: number | undefined = plain?.total;
  const instance = await orders.findById(1, { instances: true });
  const model: Order | null = instance;
  void total;
  void model;
}
