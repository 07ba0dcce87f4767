import type { Logger } from '@dalkit/connection';
import type { Transaction } from 'sequelize';
import { type BulkWriteOptions, bulkWrite } from './bulk/bulk-write.js';
import type { SeedEnvironment } from './environment.js';
import type { ProgressReporter } from './progress/types.js';
import type { SeedContext, SeedDatabase, SeedModel, SeedRows, WriteTarget } from './types.js';

/** What {@link createSeedContext} needs. */
export interface SeedContextInput {
  db: SeedDatabase;
  models: Readonly<Record<string, SeedModel>>;
  transaction: Transaction;
  logger: Logger;
  environment: SeedEnvironment;
  params: Readonly<Record<string, unknown>>;
  progress: ProgressReporter;
}

/** A seed's context plus what its helpers wrote, for the history row. */
export interface SeedContextHandle {
  ctx: SeedContext;
  /** Rows the helpers inserted or changed so far. */
  rowsAffected(): number;
  /** Tables the helpers wrote so far. */
  tablesWritten(): string[];
}

/** Builds the `ctx` a seed's `run` receives; its helpers write inside the seed's transaction. */
export function createSeedContext(input: SeedContextInput): SeedContextHandle {
  const { db, transaction, progress } = input;
  let rowsAffected = 0;
  const tables = new Set<string>();
  const write = async (target: WriteTarget, rows: SeedRows, options: BulkWriteOptions): Promise<number> => {
    const result = await bulkWrite(db.sequelize, target, rows, { ...options, transaction, progress });
    if (result.table) tables.add(result.table);
    rowsAffected += result.rowsAffected;
    return result.rowsAffected;
  };
  const ctx: SeedContext = {
    sequelize: db.sequelize,
    db,
    models: input.models,
    transaction,
    logger: input.logger,
    environment: input.environment,
    params: input.params,
    progress,
    upsert: (target, rows, options) => write(target, rows, { ...options, mode: 'upsert' }),
    insertMissing: (target, rows, options) => write(target, rows, { ...options, mode: 'insertMissing' }),
    bulkInsert: (target, rows, options) => write(target, rows, { ...options, mode: 'insert' }),
  };
  return { ctx: Object.freeze(ctx), rowsAffected: () => rowsAffected, tablesWritten: () => [...tables] };
}
