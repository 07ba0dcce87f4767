import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { UmzugStorage } from 'umzug';
import { quoteIdentifier, type SqlFamily, sqlFamilyOf } from './_internal/dialect.js';
import { type HistoryRow, HistoryState } from './types.js';

/** Options for {@link HistoryStorage}. */
export interface HistoryStorageOptions {
  /** @default 'dalkit_migrations' */
  tableName?: string;
  /** Recorded in `applied_by`. @default `<os user>@<host>` */
  appliedBy: string;
}

interface RawRow {
  name: string;
  checksum: string;
  state: string;
  applied_at: Date | string;
  execution_ms: number | string;
  applied_by: string;
  schema_hash: string | null;
}

const CREATE_TABLE: Record<SqlFamily, (table: string) => string> = {
  postgres: (t) =>
    `CREATE TABLE IF NOT EXISTS ${t} (id serial PRIMARY KEY, name varchar(255) NOT NULL UNIQUE, checksum varchar(64) NOT NULL, state varchar(16) NOT NULL DEFAULT 'applied', applied_at timestamptz NOT NULL DEFAULT now(), execution_ms integer NOT NULL DEFAULT 0, applied_by varchar(255) NOT NULL, schema_hash varchar(64))`,
  mysql: (t) =>
    `CREATE TABLE IF NOT EXISTS ${t} (id int AUTO_INCREMENT PRIMARY KEY, name varchar(255) NOT NULL UNIQUE, checksum varchar(64) NOT NULL, state varchar(16) NOT NULL DEFAULT 'applied', applied_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), execution_ms int NOT NULL DEFAULT 0, applied_by varchar(255) NOT NULL, schema_hash varchar(64)) ENGINE=InnoDB`,
};

const TABLE_EXISTS: Record<SqlFamily, string> = {
  postgres:
    'SELECT count(*)::int AS n FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = $1',
  mysql:
    'SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = $1',
};

/**
 * The `dalkit_migrations` history table as an Umzug storage. The migrator's runner writes (or
 * deletes) each row inside the migration's own transaction; Umzug's later `logMigration` call
 * then finds it already written and does nothing.
 */
export class HistoryStorage implements UmzugStorage<unknown> {
  readonly tableName: string;
  readonly #sequelize: Sequelize;
  readonly #family: SqlFamily;
  readonly #table: string;
  readonly #appliedBy: string;
  readonly #writtenByRunner = new Set<string>();

  constructor(sequelize: Sequelize, options: HistoryStorageOptions) {
    this.#sequelize = sequelize;
    this.#family = sqlFamilyOf(sequelize);
    this.tableName = options.tableName ?? 'dalkit_migrations';
    this.#table = quoteIdentifier(this.#family, this.tableName, 'tableName');
    this.#appliedBy = options.appliedBy.slice(0, 255);
  }

  /** Creates the table when it does not exist yet (call it while holding the lock). */
  async ensureTable(): Promise<void> {
    if (await this.exists()) return;
    await this.#sequelize.query(CREATE_TABLE[this.#family](this.#table));
  }

  /** Whether the history table exists. */
  async exists(): Promise<boolean> {
    const [row] = await this.#sequelize.query<{ n: number | string }>(TABLE_EXISTS[this.#family], {
      type: QueryTypes.SELECT,
      bind: [this.tableName],
    });
    return Number(row?.n ?? 0) > 0;
  }

  /** Every row, in the order they were applied; empty when the table does not exist yet. */
  async rows(transaction?: Transaction): Promise<HistoryRow[]> {
    if (!(await this.exists())) return [];
    const rows = await this.#sequelize.query<RawRow>(
      `SELECT name, checksum, state, applied_at, execution_ms, applied_by, schema_hash FROM ${this.#table} ORDER BY id`,
      { type: QueryTypes.SELECT, ...(transaction ? { transaction } : {}) },
    );
    return rows.map((r) => ({
      name: r.name,
      checksum: r.checksum,
      state: r.state as HistoryState,
      appliedAt: r.applied_at instanceof Date ? r.applied_at : new Date(r.applied_at),
      executionMs: Number(r.execution_ms),
      appliedBy: r.applied_by,
      ...(r.schema_hash ? { schemaHash: r.schema_hash } : {}),
    }));
  }

  /** Writes a history row, inside `transaction` when given. */
  async record(
    row: { name: string; checksum: string; state: HistoryState; executionMs: number; schemaHash?: string },
    transaction?: Transaction,
  ): Promise<void> {
    await this.#sequelize.query(
      `INSERT INTO ${this.#table} (name, checksum, state, execution_ms, applied_by, schema_hash) VALUES ($1, $2, $3, $4, $5, $6)`,
      {
        bind: [
          row.name,
          row.checksum,
          row.state,
          Math.round(row.executionMs),
          this.#appliedBy,
          row.schemaHash ?? null,
        ],
        ...(transaction ? { transaction } : {}),
      },
    );
    if (row.state === HistoryState.APPLIED) this.#writtenByRunner.add(row.name);
  }

  /** Moves a `started` row to `applied` or `failed` once its migration finished (inside `transaction` when given). */
  async finish(
    name: string,
    state: HistoryState,
    executionMs: number,
    transaction?: Transaction,
  ): Promise<void> {
    await this.#sequelize.query(
      `UPDATE ${this.#table} SET state = $1, execution_ms = $2, schema_hash = NULL WHERE name = $3`,
      { bind: [state, Math.round(executionMs), name], ...(transaction ? { transaction } : {}) },
    );
    if (state === HistoryState.APPLIED) this.#writtenByRunner.add(name);
  }

  /** Deletes a history row, inside `transaction` when given. */
  async remove(name: string, transaction?: Transaction): Promise<void> {
    await this.#sequelize.query(`DELETE FROM ${this.#table} WHERE name = $1`, {
      bind: [name],
      ...(transaction ? { transaction } : {}),
    });
  }

  /** Replaces a stored checksum (`repair`). */
  async updateChecksum(name: string, checksum: string): Promise<void> {
    await this.#sequelize.query(`UPDATE ${this.#table} SET checksum = $1 WHERE name = $2`, {
      bind: [checksum, name],
    });
  }

  /** Umzug: the names of applied migrations, in applied order. */
  async executed(): Promise<string[]> {
    return (await this.rows()).filter((r) => r.state === HistoryState.APPLIED).map((r) => r.name);
  }

  /** Umzug: no-op when the runner already wrote the row in the migration's transaction. */
  async logMigration({ name }: { name: string }): Promise<void> {
    if (this.#writtenByRunner.delete(name)) return;
    await this.record({ name, checksum: '', state: HistoryState.APPLIED, executionMs: 0 });
    this.#writtenByRunner.delete(name);
  }

  /** Umzug: deletes the row (already gone when the runner removed it in the migration's transaction). */
  async unlogMigration({ name }: { name: string }): Promise<void> {
    await this.remove(name);
  }
}
