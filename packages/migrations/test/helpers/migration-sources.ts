/** Migration file contents used across the suites: portable between PostgreSQL and MariaDB. */

/** A TypeScript migration creating `table` with an id and a name. */
export function createTableTs(table: string): string {
  return `import { DataTypes } from 'sequelize';
import type { MigrationParams } from '../../src/index.js';

export async function up({ context: { queryInterface } }: MigrationParams): Promise<void> {
  await queryInterface.createTable('${table}', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    name: { type: DataTypes.STRING(100), allowNull: false },
  });
}

export async function down({ context: { queryInterface } }: MigrationParams): Promise<void> {
  await queryInterface.dropTable('${table}');
}
`;
}

/** An ES module migration adding an index on `table.name`. */
export function addIndexMjs(table: string): string {
  return `export async function up({ context: { queryInterface, transaction } }) {
  await queryInterface.addIndex('${table}', ['name'], { name: '${table}_name_idx', transaction });
}

export async function down({ context: { queryInterface, transaction } }) {
  await queryInterface.removeIndex('${table}', '${table}_name_idx', { transaction });
}
`;
}

/** A CommonJS migration adding a column. */
export function addColumnCjs(table: string, column: string): string {
  return `const { DataTypes } = require('sequelize');
exports.up = async ({ context: { queryInterface } }) => {
  await queryInterface.addColumn('${table}', '${column}', { type: DataTypes.STRING(20), allowNull: true });
};
exports.down = async ({ context: { queryInterface } }) => {
  await queryInterface.removeColumn('${table}', '${column}');
};
`;
}

/** A migration that creates `table`, inserts a row, then fails on a missing table. */
export function failingTs(table: string): string {
  return `import type { MigrationParams } from '../../src/index.js';

export async function up({ context: { sequelize } }: MigrationParams): Promise<void> {
  await sequelize.query('CREATE TABLE ${table} (id integer PRIMARY KEY)');
  await sequelize.query('INSERT INTO ${table} (id) VALUES (1)');
  await sequelize.query('SELECT * FROM table_that_does_not_exist');
}

export async function down(): Promise<void> {}
`;
}
