import { DataTypes } from 'sequelize';
import { ddl, entityColumns, index, type MigrationParams, reference } from '../src/db/migration-helpers.js';

/** Orders and their items (quantity > 0, unit price ≥ 0, one line per product). */
export async function up(params: MigrationParams): Promise<void> {
  const { queryInterface: qi, transaction } = params.context;
  const tx = transaction ? { transaction } : {};
  await qi.createTable(
    'orders',
    {
      ...entityColumns(),
      user_id: reference('users', 'RESTRICT'),
      status: { type: DataTypes.STRING(20), allowNull: false, defaultValue: 'placed' },
      total: { type: DataTypes.DECIMAL(12, 2), allowNull: false },
    },
    tx,
  );
  await ddl(
    params,
    `ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('placed', 'cancelled'))`,
  );
  await ddl(params, 'ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0)');
  await index(params, 'orders', ['user_id', 'created_at']);
  await index(params, 'orders', ['status', 'created_at', 'id']);
  await index(params, 'orders', ['created_at', 'id']);
  await qi.createTable(
    'order_items',
    {
      ...entityColumns(),
      order_id: reference('orders', 'CASCADE'),
      product_id: reference('products', 'RESTRICT'),
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      unit_price: { type: DataTypes.DECIMAL(12, 2), allowNull: false },
    },
    tx,
  );
  await ddl(params, 'ALTER TABLE order_items ADD CONSTRAINT order_items_quantity_check CHECK (quantity > 0)');
  await ddl(
    params,
    'ALTER TABLE order_items ADD CONSTRAINT order_items_unit_price_check CHECK (unit_price >= 0)',
  );
  await index(params, 'order_items', ['order_id', 'product_id'], true);
  await index(params, 'order_items', ['product_id']);
}

/** Drops both tables. */
export async function down({ context }: MigrationParams): Promise<void> {
  const tx = context.transaction ? { transaction: context.transaction } : {};
  await context.queryInterface.dropTable('order_items', tx);
  await context.queryInterface.dropTable('orders', tx);
}
