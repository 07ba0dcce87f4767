import { createHash } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
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
}

interface PgClient {
  query(config: {
    text: string;
    values: unknown[];
    name?: string;
  }): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

interface ConnectionManager {
  getConnection(options: { type: 'read' | 'write' }): Promise<PgClient>;
  releaseConnection(connection: PgClient): void;
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
  async run(sql: string, params: unknown[], options: ExecOptions): Promise<ExecResult> {
    this.onQuery?.(sql);
    if (this.fastPath && this.dialect === 'postgres') return this.runOnPg(sql, params, options);
    const result = await this.sequelize.query(sql, {
      bind: params,
      transaction: options.transaction,
      type: KIND_TO_TYPE[options.kind],
      raw: true,
      logging: false,
    } as never);
    if (options.kind === 'select' || options.kind === 'insert') {
      const rows = result as unknown as Record<string, unknown>[];
      return { rows, rowCount: rows.length };
    }
    return { rows: [], rowCount: Number(result) };
  }

  private statementName(sql: string): string {
    let name = this.names.get(sql);
    if (!name) {
      name = `dalkit_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
      this.names.set(sql, name);
    }
    return name;
  }

  private async runOnPg(sql: string, params: unknown[], options: ExecOptions): Promise<ExecResult> {
    const config = options.prepare
      ? { text: sql, values: params, name: this.statementName(sql) }
      : { text: sql, values: params };
    const tx = options.transaction as (Transaction & { connection?: PgClient }) | undefined;
    if (tx?.connection) {
      const result = await tx.connection.query(config);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    }
    const manager = (this.sequelize as unknown as { connectionManager: ConnectionManager }).connectionManager;
    const client = await manager.getConnection({ type: options.kind === 'select' ? 'read' : 'write' });
    try {
      const result = await client.query(config);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    } finally {
      manager.releaseConnection(client);
    }
  }
}
