import type { TestDatabase } from '@dalkit/testing';
import type { TargetSuite } from '@dalkit/testing/vitest';
import { DataTypes, type Model, type ModelStatic, QueryTypes } from 'sequelize';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createDatabase, type Database, type Logger } from '../../src/index.js';

/** A logger that keeps every line, to assert on what was logged. */
export function recordingLogger(): Logger & {
  lines: { level: string; obj: Record<string, unknown>; msg?: string }[];
} {
  const lines: { level: string; obj: Record<string, unknown>; msg?: string }[] = [];
  const at = (level: string) => (obj: Record<string, unknown> | string, msg?: string) =>
    lines.push(typeof obj === 'string' ? { level, obj: {}, msg: obj } : { level, obj, msg });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A database handle on the suite's database; pool max 1 on the embedded target. */
export function openDatabase(database: TestDatabase, max = 5, logger: Logger = recordingLogger()): Database {
  return createDatabase(
    { url: database.url, pool: { max: database.maxConnections === 1 ? 1 : max, min: 0 } },
    { logger, env: false },
  );
}

/** `events(id, tag)`: rows whose presence says which work committed. */
export function defineEvent(db: Database): ModelStatic<Model> {
  return db.sequelize.define(
    'Event',
    { tag: { type: DataTypes.STRING(64), allowNull: false } },
    { tableName: 'events', timestamps: false },
  );
}

/** `accounts(id, balance)`: rows two transactions fight over. */
export function defineAccount(db: Database): ModelStatic<Model> {
  return db.sequelize.define(
    'Account',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true },
      balance: { type: DataTypes.INTEGER, allowNull: false },
    },
    { tableName: 'accounts', timestamps: false },
  );
}

/** The committed tags, sorted, read outside any transaction. */
export async function committedTags(db: Database): Promise<string[]> {
  const rows = await db.sequelize.query<{ tag: string }>('SELECT tag FROM events ORDER BY tag', {
    type: QueryTypes.SELECT,
    transaction: null,
  });
  return rows.map((r) => r.tag);
}

/** Inserts an event through the implicit transaction (no `{ transaction }` given). */
export function insertEvent(db: Database, tag: string): Promise<unknown> {
  return db.sequelize.query('INSERT INTO events (tag) VALUES ($1)', { bind: [tag] });
}

/** A promise and the function that resolves it: to line two transactions up step by step. */
export function latch(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** What {@link useTransactionTables} hands each suite. */
export interface TransactionTables {
  db: Database;
  Event: ModelStatic<Model>;
  Account: ModelStatic<Model>;
}

/**
 * Opens a handle on the suite's database with `events` and `accounts` tables, empties both
 * before each test (and the logger's lines, when a recording logger is given) and closes the
 * handle after the suite. `assign` receives them once they exist.
 */
export function useTransactionTables(
  suite: TargetSuite,
  assign: (tables: TransactionTables) => void,
  options: { max?: number; logger?: ReturnType<typeof recordingLogger> } = {},
): void {
  let tables: TransactionTables | undefined;
  beforeAll(async () => {
    const db = openDatabase(suite.database, options.max ?? 5, options.logger);
    tables = { db, Event: defineEvent(db), Account: defineAccount(db) };
    await Promise.all([tables.Event.sync(), tables.Account.sync()]);
    assign(tables);
  });
  beforeEach(async () => {
    await tables?.Event.destroy({ where: {}, transaction: null });
    await tables?.Account.destroy({ where: {}, transaction: null });
    if (options.logger) options.logger.lines.length = 0;
  });
  afterAll(() => tables?.db.close());
}
