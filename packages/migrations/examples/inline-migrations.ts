import { createMigrator, type InlineMigration } from '@dalkit/migrations';
import type { Sequelize } from 'sequelize';

/** Migrations bundled into the application instead of read from a folder. */
export const MIGRATIONS: InlineMigration[] = [
  {
    name: '20260101000000_create_customers',
    up: ({ context: { queryInterface } }) =>
      queryInterface.createTable('customers', {
        id: { type: 'INTEGER', primaryKey: true, autoIncrement: true },
        email: { type: 'VARCHAR(255)', allowNull: false, unique: true },
      }),
    down: ({ context: { queryInterface } }) => queryInterface.dropTable('customers'),
  },
];

/** Applies the bundled migrations at start-up; safe when several replicas start at once. */
export async function migrateOnStartup(sequelize: Sequelize): Promise<string[]> {
  const migrator = createMigrator({ sequelize, migrations: MIGRATIONS, lockTimeoutMs: 120_000 });
  const { migrations } = await migrator.up();
  return migrations.map((m) => m.name);
}
