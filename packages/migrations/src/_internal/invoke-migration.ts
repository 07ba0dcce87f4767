import type { Sequelize, Transaction } from 'sequelize';
import type { MigrationLogger, MigrationModule, MigrationSource } from '../types.js';
import { createBoundContext, type StatementRecorder } from './bound-context.js';

/** One migration in one direction. */
export interface MigrationStep {
  source: MigrationSource;
  module: MigrationModule;
  direction: 'up' | 'down';
}

/**
 * Calls the step's `up` or `down` with a context bound to `transaction`, recording each
 * statement into `recorder` (and, unless `execute` is false, sending it).
 */
export async function invokeMigration(
  deps: { sequelize: Sequelize; logger: MigrationLogger },
  step: MigrationStep,
  transaction: Transaction | undefined,
  recorder: StatementRecorder,
  execute = true,
): Promise<void> {
  const { source, module, direction } = step;
  const context = createBoundContext({
    sequelize: deps.sequelize,
    transaction,
    migration: source.name,
    logger: deps.logger,
    recorder,
    execute,
  });
  await (direction === 'up' ? module.up : module.down)?.({ name: source.name, context });
}
