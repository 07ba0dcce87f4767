import type { QueryInterface, Sequelize, Transaction } from 'sequelize';
import type { MigrationContext, MigrationLogger } from '../types.js';

/** What the bound context saw: every SQL statement sent through it, in order. */
export interface StatementRecorder {
  statements: string[];
}

/** Options for {@link createBoundContext}. */
export interface BoundContextOptions {
  sequelize: Sequelize;
  transaction: Transaction | undefined;
  migration: string;
  logger: MigrationLogger;
  recorder: StatementRecorder;
  /** Record statements without sending them (dry run where DDL cannot be rolled back). */
  execute: boolean;
}

function sqlText(sql: unknown): string {
  if (typeof sql === 'string') return sql;
  if (sql && typeof sql === 'object' && 'query' in sql) return String((sql as { query: unknown }).query);
  return String(sql);
}

/**
 * The context handed to a migration. Its `sequelize` and `queryInterface` inherit from the
 * real ones but route `query()` through the migration's transaction (unless a call names its
 * own) and record each statement, so a migration that forgets `{ transaction }` still runs
 * inside it, and a failure can say which statement broke.
 */
export function createBoundContext(options: BoundContextOptions): MigrationContext {
  const { sequelize, transaction, recorder } = options;
  const realQuery = sequelize.query.bind(sequelize) as (
    sql: unknown,
    opts?: Record<string, unknown>,
  ) => Promise<unknown>;
  const query = (sql: unknown, opts: Record<string, unknown> = {}): Promise<unknown> => {
    recorder.statements.push(sqlText(sql));
    if (!options.execute) return Promise.resolve(opts.plain ? null : [[], 0]);
    const withTx = transaction && !('transaction' in opts) ? { ...opts, transaction } : opts;
    return realQuery(sql, withTx);
  };
  const boundSequelize = Object.create(sequelize, { query: { value: query } }) as Sequelize;
  const realQueryInterface = sequelize.getQueryInterface();
  const queryInterface = Object.create(realQueryInterface, {
    sequelize: { value: boundSequelize },
  }) as QueryInterface;
  Object.defineProperty(boundSequelize, 'getQueryInterface', { value: () => queryInterface });
  Object.defineProperty(boundSequelize, 'queryInterface', { value: queryInterface });
  return {
    queryInterface,
    sequelize: boundSequelize,
    transaction,
    log: (message, fields = {}) => options.logger.info({ migration: options.migration, ...fields }, message),
  };
}
