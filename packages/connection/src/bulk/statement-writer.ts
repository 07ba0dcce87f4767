import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { BulkRow } from './types.js';
import type { BulkWriter } from './writer.js';

/** One INSERT statement with its bind parameters. */
export interface BulkStatement {
  sql: string;
  bind: unknown[];
}

/** What {@link createStatementWriter} sends and where. */
export interface StatementWriterInput {
  sequelize: Sequelize;
  /** The explicit transaction; when undefined, dalkit's implicit transaction joins the current one. */
  transaction: Transaction | undefined;
  /** Rows to one statement. */
  build(rows: readonly BulkRow[]): BulkStatement;
  batchSize: number;
  /** Called with each batch's row count once its statement succeeded. */
  onSent(rows: number): void;
}

/** Sequelize answers an INSERT with `[insertId or rows, affected count]` on every dialect. */
function affected(result: [unknown, unknown]): number {
  const [, second] = result;
  if (typeof second === 'number') return second;
  const meta = second as { rowCount?: number | null; affectedRows?: number } | undefined;
  return meta?.rowCount ?? meta?.affectedRows ?? 0;
}

/**
 * Sends one INSERT per batch through Sequelize (so transactions, pool and dialect work as for
 * any query). The next batch is encoded while the server runs the previous one.
 */
export function createStatementWriter(input: StatementWriterInput): BulkWriter {
  const { sequelize, transaction, build, onSent } = input;
  let rowsAffected = 0;
  let inFlight: Promise<void> | undefined;
  return {
    batchSize: input.batchSize,
    async write(rows) {
      const { sql, bind } = build(rows);
      await inFlight;
      inFlight = sequelize
        .query(sql, { bind, type: QueryTypes.RAW, transaction, logging: false })
        .then((result) => {
          rowsAffected += affected(result as [unknown, unknown]);
          onSent(rows.length);
        });
      // Awaited by the next write or by end/abort; this only stops Node reporting it unhandled meanwhile.
      inFlight.catch(() => {});
    },
    async end() {
      await inFlight;
      return rowsAffected;
    },
    async abort() {
      await inFlight?.catch(() => {});
    },
  };
}
