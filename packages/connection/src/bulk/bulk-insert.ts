import type { Sequelize } from 'sequelize';
import { mapDatabaseError } from '../errors/map-database-error.js';
import { assertBulkOptions } from './assert-bulk-options.js';
import { DEFAULT_CHUNK_SIZE, type PlannedWriter, planWriter } from './plan-writer.js';
import { rowChunks } from './row-chunks.js';
import type { BulkInsertOptions, BulkInsertResult, BulkRow, BulkTarget } from './types.js';

function sequelizeOf(target: BulkTarget): Sequelize {
  return typeof (target as Sequelize).getDialect === 'function'
    ? (target as Sequelize)
    : (target as { sequelize: Sequelize }).sequelize;
}

/**
 * Inserts many rows fast, never with more than 65,535 bind parameters in one statement:
 * - PostgreSQL server (through `pg`): one `COPY … FROM STDIN` streaming text-format chunks;
 * - embedded PostgreSQL (PGlite), or with `onConflict`: `INSERT … SELECT FROM unnest()` per
 *   chunk, one array parameter per column;
 * - MariaDB/MySQL, and PostgreSQL array columns: multi-row VALUES chunks of at most
 *   ⌊65,535 / columns⌋ rows.
 * Joins the explicit `transaction`, else the current one of the async context (COPY then runs
 * on that transaction's connection). Bad options are a ValidationError before any SQL; database
 * errors are mapped to the dalkit hierarchy. Without a transaction, a COPY is all-or-nothing
 * but statement chunks that succeeded before a failing one stay written.
 * @example
 * await bulkInsert(db, { table: 'events', columns: ['kind', 'at'], rows: [['view', new Date()]] });
 */
export async function bulkInsert(target: BulkTarget, options: BulkInsertOptions): Promise<BulkInsertResult> {
  assertBulkOptions(options);
  const sequelize = sequelizeOf(target);
  let rowsSent = 0;
  const onSent = (rows: number) => {
    rowsSent += rows;
    options.onProgress?.(rowsSent);
  };
  let writer: PlannedWriter | undefined;
  try {
    for await (const chunk of rowChunks<BulkRow>(options.rows, options.chunkSize ?? DEFAULT_CHUNK_SIZE)) {
      writer ??= await planWriter(sequelize, options, onSent);
      for (let i = 0; i < chunk.length; i += writer.batchSize) {
        await writer.write(writer.batchSize >= chunk.length ? chunk : chunk.slice(i, i + writer.batchSize));
      }
    }
    const rowsAffected = writer ? await writer.end() : 0;
    return { rowsSent, rowsAffected, method: writer?.method };
  } catch (error) {
    await writer?.abort(error);
    throw mapDatabaseError(error);
  }
}
