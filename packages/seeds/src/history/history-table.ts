import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { assertIdentifier, dialectFamily, quoteIdentifier } from '../_internal/identifiers.js';

/** The default name of the seed history table. */
export const SEED_HISTORY_TABLE = 'dalkit_seeds';

/** The PostgreSQL advisory lock key seed runs share. */
const PG_LOCK_KEY = '4812793316190414201';
/** MariaDB/MySQL: the history row runners lock (no seed name can start with a dot). */
const LOCK_ROW = '.lock';

/** One row of the seed history: a seed that ran, when, where, and what it did. */
export interface SeedHistoryEntry {
  name: string;
  checksum: string;
  environment: string;
  ranAt: Date;
  rowsAffected: number;
  executionMs: number;
  /** Tables the seed declared or wrote through the ctx helpers; `reset` empties them. */
  tables: string[];
}

interface HistoryRow {
  name: string;
  checksum: string;
  environment: string;
  ran_at: Date | string;
  rows_affected: number | string;
  execution_ms: number | string;
  seeded_tables: string;
}

/** Reads and writes the seed history table with bound parameters on one Sequelize instance. */
export class SeedHistoryTable {
  readonly #sequelize: Sequelize;
  readonly #table: string;
  readonly #name: string;
  readonly #postgres: boolean;

  constructor(sequelize: Sequelize, tableName: string = SEED_HISTORY_TABLE) {
    assertIdentifier(tableName, 'historyTable');
    const dialect = dialectFamily(sequelize.getDialect());
    this.#sequelize = sequelize;
    this.#table = quoteIdentifier(tableName, dialect);
    this.#name = tableName;
    this.#postgres = dialect === 'postgres';
  }

  /** Creates the table when it does not exist. */
  async ensure(transaction?: Transaction): Promise<void> {
    const time = this.#postgres ? 'TIMESTAMPTZ' : 'DATETIME(3)';
    await this.#sequelize
      .query(
        `CREATE TABLE IF NOT EXISTS ${this.#table} (
        name VARCHAR(255) NOT NULL PRIMARY KEY,
        checksum VARCHAR(64) NOT NULL,
        environment VARCHAR(32) NOT NULL,
        ran_at ${time} NOT NULL,
        rows_affected BIGINT NOT NULL,
        execution_ms INTEGER NOT NULL,
        seeded_tables TEXT NOT NULL
      )`,
        { transaction, logging: false },
      )
      .catch(async (error: unknown) => {
        // Two runners creating it at once: PostgreSQL's IF NOT EXISTS can still collide in its catalog.
        const created = await this.#sequelize
          .getQueryInterface()
          .tableExists(this.#name, { transaction, logging: false });
        if (!created) throw error;
      });
    if (!this.#postgres) {
      await this.#sequelize.query(
        `INSERT INTO ${this.#table} (name, checksum, environment, ran_at, rows_affected, execution_ms, seeded_tables) VALUES ($1, '', '', $2, 0, 0, '[]') ON DUPLICATE KEY UPDATE name = name`,
        { bind: [LOCK_ROW, new Date(0)], transaction, logging: false },
      );
    }
  }

  /** Every entry, oldest first; none when the table does not exist yet (nothing is created). */
  async listIfExists(transaction?: Transaction): Promise<SeedHistoryEntry[]> {
    const exists = await this.#sequelize
      .getQueryInterface()
      .tableExists(this.#name, { transaction, logging: false });
    return exists ? this.list(transaction) : [];
  }

  /** Every entry, oldest first. */
  async list(transaction?: Transaction): Promise<SeedHistoryEntry[]> {
    const rows = await this.#sequelize.query<HistoryRow>(
      `SELECT name, checksum, environment, ran_at, rows_affected, execution_ms, seeded_tables FROM ${this.#table} WHERE name <> $1 ORDER BY ran_at, name`,
      { bind: [LOCK_ROW], type: QueryTypes.SELECT, transaction, logging: false },
    );
    return rows.map((r) => ({
      name: r.name,
      checksum: r.checksum,
      environment: r.environment,
      ranAt: new Date(r.ran_at),
      rowsAffected: Number(r.rows_affected),
      executionMs: Number(r.execution_ms),
      tables: JSON.parse(r.seeded_tables) as string[],
    }));
  }

  /** Records (or replaces) one entry. */
  async record(entry: SeedHistoryEntry, transaction?: Transaction): Promise<void> {
    await this.remove([entry.name], transaction);
    await this.#sequelize.query(
      `INSERT INTO ${this.#table} (name, checksum, environment, ran_at, rows_affected, execution_ms, seeded_tables) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      {
        bind: [
          entry.name,
          entry.checksum,
          entry.environment,
          entry.ranAt,
          entry.rowsAffected,
          Math.round(entry.executionMs),
          JSON.stringify(entry.tables),
        ],
        transaction,
        logging: false,
      },
    );
  }

  /**
   * Serializes seed runs across processes until `transaction` ends. PostgreSQL: a
   * transaction-scoped advisory lock. MariaDB/MySQL: a row lock on the history table's
   * `.lock` row (created by {@link ensure}), so a second runner waits for the first one's
   * commit and then reads its history rows.
   */
  async lockRuns(transaction: Transaction): Promise<void> {
    if (this.#postgres) {
      await this.#sequelize.query('SELECT pg_advisory_xact_lock($1::bigint)', {
        bind: [PG_LOCK_KEY],
        transaction,
        logging: false,
      });
      return;
    }
    await this.#sequelize.query(`SELECT name FROM ${this.#table} WHERE name = $1 FOR UPDATE`, {
      bind: [LOCK_ROW],
      transaction,
      logging: false,
    });
  }

  /** Deletes the entries of the named seeds. */
  async remove(names: readonly string[], transaction?: Transaction): Promise<void> {
    if (names.length === 0) return;
    const slots = names.map((_, i) => `$${i + 1}`).join(', ');
    await this.#sequelize.query(`DELETE FROM ${this.#table} WHERE name IN (${slots})`, {
      bind: [...names],
      transaction,
      logging: false,
    });
  }
}
