import { createHash } from 'node:crypto';
import { ConnectionAcquireTimeoutError, QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { runStatement, type StatementClient, type Submittable, type TypeSource } from './pg-statement.js';
import { parseTimestamptz } from './pg-timestamp.js';
import { namedRow, type RowDecoder } from './row-decoder.js';
import type { SqlDialect } from './sql-builder.js';

/** Rows and affected-row count of one statement. */
export interface ExecResult {
  rows: Record<string, unknown>[];
  rowCount: number;
}

/** How one statement runs: its transaction (explicit or ambient) and statement kind. */
export interface ExecOptions {
  transaction: Transaction | undefined;
  kind: 'select' | 'update' | 'delete' | 'insert';
  /** Use a named prepared statement (postgres fast path only). */
  prepare?: boolean;
  /** Builds each returned row from the statement's column layout (see `rowDecoder`). */
  decode?: RowDecoder;
}

interface PgClient extends TypeSource, Pick<StatementClient, 'connection' | 'binary' | 'pipeline'> {
  query(submittable: Submittable): unknown;
  query(config: {
    text: string;
    values: unknown[];
    name?: string;
    rowMode?: 'array';
    types?: TypeSource;
  }): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

const TIMESTAMPTZ_OID = 1184;
const FAST_TYPES = new WeakMap<PgClient, TypeSource>();

/**
 * The connection's own type parsers (Sequelize installs some), except `timestamptz`, read by
 * `parseTimestamptz` with the connection's parser as its fallback.
 */
function fastTypes(client: PgClient): TypeSource {
  let types = FAST_TYPES.get(client);
  if (!types) {
    const fallback = client.getTypeParser(TIMESTAMPTZ_OID, 'text');
    const timestamptz = (text: string) => parseTimestamptz(text, fallback);
    types = {
      getTypeParser: (oid, format) =>
        oid === TIMESTAMPTZ_OID && format !== 'binary' ? timestamptz : client.getTypeParser(oid, format),
    };
    FAST_TYPES.set(client, types);
  }
  return types;
}

interface ConnectionManager {
  /** The driver module Sequelize loaded (pg here). */
  lib?: { defaults?: { parseInputDatesAsUTC?: boolean } };
  getConnection(options: { type: string }): Promise<PgClient>;
  pool: { acquire(type: string): Promise<PgClient>; release(connection: PgClient): void };
}

interface SequelizeInternals {
  connectionManager: ConnectionManager;
  options: { databaseVersion?: unknown };
  hasHook(name: string): boolean;
}

const KIND_TO_TYPE = {
  select: QueryTypes.SELECT,
  update: QueryTypes.BULKUPDATE,
  delete: QueryTypes.BULKDELETE,
  insert: QueryTypes.SELECT,
} as const;

/** Runs compiled SQL: on PostgreSQL straight on a pooled pg client, elsewhere through Sequelize. */
export class Executor {
  readonly dialect: SqlDialect;
  private readonly names = new Map<string, string>();

  constructor(
    private readonly sequelize: Sequelize,
    private readonly fastPath: boolean,
    private readonly onQuery: ((sql: string) => void) | undefined,
  ) {
    this.dialect = sequelize.getDialect() as SqlDialect;
  }

  /** Runs one statement; `$n` placeholders, values bound. */
  run(sql: string, params: unknown[], options: ExecOptions): Promise<ExecResult> {
    this.onQuery?.(sql);
    if (this.fastPath && this.dialect === 'postgres') return this.runOnPg(sql, params, options);
    return this.runOnSequelize(sql, params, options);
  }

  private async runOnSequelize(sql: string, params: unknown[], options: ExecOptions): Promise<ExecResult> {
    const result = await this.sequelize.query(sql, {
      bind: params,
      transaction: options.transaction,
      type: KIND_TO_TYPE[options.kind],
      raw: true,
      logging: false,
    } as never);
    if (options.kind === 'select' || options.kind === 'insert') {
      const raw = result as unknown as Record<string, unknown>[];
      const rows = options.decode ? raw.map(options.decode.fromObject) : raw;
      return { rows, rowCount: rows.length };
    }
    return { rows: [], rowCount: Number(result) };
  }

  /** A prepared statement's name, one per SQL text. */
  private statementName(sql: string): string {
    let name = this.names.get(sql);
    if (!name) {
      name = `dalkit_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
      this.names.set(sql, name);
    }
    return name;
  }

  private manager(): ConnectionManager {
    return (this.sequelize as unknown as SequelizeInternals).connectionManager;
  }

  /** Promise chains rather than `async` layers: this path runs for every read. */
  private runOnPg(sql: string, params: unknown[], options: ExecOptions): Promise<ExecResult> {
    const tx = options.transaction as (Transaction & { connection?: PgClient }) | undefined;
    if (tx?.connection) return this.query(tx.connection, sql, params, options, false);
    const manager = this.manager();
    // Released to the pool directly: `releaseConnection` adds only a debug() call.
    return this.acquire(manager, KIND_TO_TYPE[options.kind]).then((client) =>
      this.query(client, sql, params, options, true).then(
        (result) => {
          manager.pool.release(client);
          return result;
        },
        (error: unknown) => {
          manager.pool.release(client);
          throw error;
        },
      ),
    );
  }

  /**
   * A connection from Sequelize's pool. `getConnection` adds two hook runs and, before the first
   * query, a server-version probe; when no pool hook is registered and the version is known the
   * pool is asked directly (same pool, same read/write routing, same timeout error).
   */
  private acquire(manager: ConnectionManager, type: string): Promise<PgClient> {
    const sequelize = this.sequelize as unknown as SequelizeInternals;
    if (
      sequelize.options.databaseVersion === 0 ||
      sequelize.hasHook('beforePoolAcquire') ||
      sequelize.hasHook('afterPoolAcquire')
    ) {
      return manager.getConnection({ type });
    }
    return manager.pool.acquire(type).catch((error: Error) => {
      throw error.name === 'TimeoutError' ? new ConnectionAcquireTimeoutError(error) : error;
    });
  }

  /**
   * One statement on `client` through `runStatement`; when it declines (a value it does not
   * serialize, a pg-native client), through pg's query, unnamed: pg never forgets a statement it
   * prepared, so a copy gone stale after a migration would fail there until the connection
   * closes. `pooled` is false inside a transaction.
   */
  private query(
    client: PgClient,
    text: string,
    values: unknown[],
    options: ExecOptions,
    pooled: boolean,
  ): Promise<ExecResult> {
    const decode = options.decode;
    const lean = runStatement(client, text, values, {
      name: options.prepare ? this.statementName(text) : '',
      types: fastTypes(client),
      build: decode ? decode.fromText : namedRow,
      retryStale: pooled,
      utcDates: this.manager().lib?.defaults?.parseInputDatesAsUTC === true,
    });
    if (lean) return lean;
    const config: Parameters<PgClient['query']>[0] = { text, values };
    if (decode) {
      config.rowMode = 'array';
      config.types = fastTypes(client);
    }
    return client.query(config).then((result) => ({
      rows: decode
        ? (result.rows as unknown[][]).map(decode.fromArray)
        : (result.rows as Record<string, unknown>[]),
      rowCount: result.rowCount ?? 0,
    }));
  }
}
