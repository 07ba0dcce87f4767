import { DataTypes } from 'sequelize';
import { ddl, entityColumns, index, type MigrationParams, reference } from '../src/db/migration-helpers.js';

/** Categories, a tree through the self-referencing `parent_id`. */
export async function up(params: MigrationParams): Promise<void> {
  const { queryInterface: qi, transaction } = params.context;
  await qi.createTable(
    'categories',
    {
      ...entityColumns(),
      name: { type: DataTypes.STRING(100), allowNull: false },
      slug: { type: DataTypes.STRING(100), allowNull: false, unique: true },
      parent_id: reference('categories', 'RESTRICT', true),
    },
    transaction ? { transaction } : {},
  );
  // MariaDB refuses a CHECK on a column that has a foreign-key action; PostgreSQL enforces it.
  if (params.context.sequelize.getDialect() === 'postgres') {
    await ddl(
      params,
      'ALTER TABLE categories ADD CONSTRAINT categories_not_own_parent CHECK (parent_id <> id)',
    );
  }
  await index(params, 'categories', ['parent_id']);
  await index(params, 'categories', ['name']);
  await index(params, 'categories', ['created_at', 'id']);
}

/** Drops the table. */
export async function down({ context }: MigrationParams): Promise<void> {
  await context.queryInterface.dropTable(
    'categories',
    context.transaction ? { transaction: context.transaction } : {},
  );
}
