// Register the models on a database handle and let runAs fill the audit columns.
import type { Database } from '@dalkit/connection';
import { registerModels, runAs } from '@dalkit/models';
import { Customer, Order, SHOP_MODELS } from './models.js';

export const KEY_RING = {
  keys: { '2026-01': Buffer.alloc(32, 1).toString('base64') }, // load real keys from a secret store
  activeKeyId: '2026-01',
  blindIndexKey: Buffer.alloc(32, 2).toString('base64'),
};

export async function registerAndAudit(db: Database) {
  registerModels(db, SHOP_MODELS, { encryption: KEY_RING });
  await db.sequelize.sync({ force: true }); // tests only: real schemas come from migrations

  const customer = await runAs('user-1', () => Customer.create({ name: 'Ada', email: 'ada@example.com' }));
  await runAs('user-2', () =>
    db.transaction(async () => {
      await Order.bulkCreate([
        { customerId: customer.id, status: 'open', totalCents: 1200 },
        { customerId: customer.id, status: 'open', totalCents: 800 },
      ]);
      await Order.update({ status: 'paid' }, { where: { customerId: customer.id } });
    }),
  );
  const orders = await Order.findAll({ where: { customerId: customer.id } });
  return {
    customer: { createdBy: customer.createdBy, updatedBy: customer.updatedBy },
    orders: orders.map((o) => ({ status: o.status, createdBy: o.createdBy, updatedBy: o.updatedBy })),
  };
}
