import type { Sequelize, Transaction } from 'sequelize';
import type { StatementRecorder } from './_internal/bound-context.js';
import type { SqlFamily } from './_internal/dialect.js';
import { invokeMigration, type MigrationStep } from './_internal/invoke-migration.js';
import { MigrationError } from './errors.js';
import type { MigrationLogger, PlannedStatement } from './types.js';

/** One migration a dry run walks through. */
export type DryRunStep = MigrationStep;

/**
 * Collects the SQL the steps would send, changing nothing. On PostgreSQL every step really
 * runs, in ONE transaction that is always rolled back (DDL is transactional there), so later
 * steps see earlier ones and the SQL is exactly what would run. Non-transactional steps, and
 * every step on MariaDB/MySQL (whose DDL commits implicitly), are recorded without being sent:
 * queries they issue return no rows.
 */
export async function collectDryRunStatements(
  deps: { sequelize: Sequelize; family: SqlFamily; logger: MigrationLogger },
  steps: readonly DryRunStep[],
): Promise<PlannedStatement[]> {
  const { sequelize, family } = deps;
  const planned: PlannedStatement[] = [];
  const transaction: Transaction | undefined =
    family === 'postgres' ? await sequelize.transaction() : undefined;
  try {
    for (const { source, module, direction } of steps) {
      const recorder: StatementRecorder = { statements: [] };
      const execute = transaction !== undefined && module.transaction !== false;
      try {
        await invokeMigration(deps, { source, module, direction }, transaction, recorder, execute);
      } catch (error) {
        throw new MigrationError({ migration: source.name, direction, ...lastStatement(recorder) }, error);
      }
      for (const sql of recorder.statements) planned.push({ migration: source.name, sql });
    }
    return planned;
  } finally {
    await transaction?.rollback();
  }
}

function lastStatement(recorder: StatementRecorder): { statement?: string } {
  const last = recorder.statements.at(-1);
  return last ? { statement: last } : {};
}
