import type { TestDatabase } from '@dalkit/testing';
import { DataTypes, type Model, type ModelStatic, QueryTypes } from 'sequelize';
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
