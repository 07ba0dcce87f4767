import type { Model, ModelStatic } from 'sequelize';
import { QueryTypes } from 'sequelize';
import { addHook } from '../_internal/add-hook.js';
import { tableName } from '../_internal/table-name.js';
import { getChecks } from './check.js';

const EXISTS_SQL = {
  postgres:
    "SELECT 1 FROM information_schema.table_constraints WHERE table_schema = current_schema() AND table_name = $1 AND constraint_name = $2 AND constraint_type = 'CHECK'",
  mysql:
    "SELECT 1 FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = $1 AND CONSTRAINT_NAME = $2 AND CONSTRAINT_TYPE = 'CHECK'",
} as const;

/**
 * After `Model.sync()` / `sequelize.sync()`, creates the model's `@Check` constraints that
 * the table lacks (PostgreSQL and MariaDB/MySQL). Migrations should declare the same
 * constraints; `modelConstraints()` lists them.
 */
export function installCheckHooks(model: ModelStatic<Model>): void {
  const checks = getChecks(model);
  if (checks.length === 0) return;
  addHook(model, 'afterSync', 'dalkit:checks', async (options: { transaction?: unknown }) => {
    const sequelize = model.sequelize;
    if (!sequelize) return;
    const qi = sequelize.getQueryInterface();
    const table = tableName(model);
    const existsSql = sequelize.getDialect() === 'postgres' ? EXISTS_SQL.postgres : EXISTS_SQL.mysql;
    for (const check of checks) {
      const found = await sequelize.query(existsSql, {
        bind: [table, check.name],
        type: QueryTypes.SELECT,
        transaction: options.transaction as never,
      });
      if (found.length > 0) continue;
      await sequelize.query(
        `ALTER TABLE ${qi.quoteIdentifier(table)} ADD CONSTRAINT ${qi.quoteIdentifier(check.name)} CHECK (${check.expression})`,
        { transaction: options.transaction as never },
      );
    }
  });
}
