import { DataTypes } from 'sequelize';
import { ddl, entityColumns, index, type MigrationParams, reference } from '../src/db/migration-helpers.js';

/** Products (price ≥ 0, stock ≥ 0) and their many-to-many link to categories. */
export async function up(params: MigrationParams): Promise<void> {
  const { queryInterface: qi, transaction } = params.context;
  const tx = transaction ? { transaction } : {};
  await qi.createTable(
    'products',
    {
      ...entityColumns(),
      sku: { type: DataTypes.STRING(40), allowNull: false, unique: true },
      name: { type: DataTypes.STRING(200), allowNull: false },
      price: { type: DataTypes.DECIMAL(12, 2), allowNull: false },
      stock: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    },
    tx,
  );
  await ddl(params, 'ALTER TABLE products ADD CONSTRAINT products_price_check CHECK (price >= 0)');
  await ddl(params, 'ALTER TABLE products ADD CONSTRAINT products_stock_check CHECK (stock >= 0)');
  await index(params, 'products', ['name', 'id']);
  await index(params, 'products', ['price', 'id']);
  await index(params, 'products', ['stock']);
  await index(params, 'products', ['created_at', 'id']);
  await qi.createTable(
    'product_categories',
    {
      ...entityColumns(),
      product_id: reference('products', 'CASCADE'),
      category_id: reference('categories', 'CASCADE'),
    },
    tx,
  );
  await index(params, 'product_categories', ['product_id', 'category_id'], true);
  await index(params, 'product_categories', ['category_id']);
}

/** Drops both tables. */
export async function down({ context }: MigrationParams): Promise<void> {
  const tx = context.transaction ? { transaction: context.transaction } : {};
  await context.queryInterface.dropTable('product_categories', tx);
  await context.queryInterface.dropTable('products', tx);
}
