import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { PgConnectionLease } from './postgres-connection.js';
import type { BulkRow } from './types.js';
import type { BulkWriter } from './writer.js';

/** What {@link createCopyWriter} streams and where. */
export interface CopyWriterInput {
  lease: PgConnectionLease;
  /** `COPY t (…) FROM STDIN`. */
  sql: string;
  /** Rows to COPY text-format lines. */
  encode(rows: readonly BulkRow[]): string;
  batchSize: number;
  /** Called with each batch's row count once the connection accepted it. */
  onSent(rows: number): void;
}

/**
 * Streams rows through one `COPY … FROM STDIN` (pg-copy-streams) on the leased connection,
 * respecting backpressure. The whole load is one statement: a server error, or an abort
 * (which sends CopyFail), writes none of it.
 */
export function createCopyWriter(input: CopyWriterInput): BulkWriter {
  const { lease, encode, onSent } = input;
  const stream = lease.client.query(copyFrom(input.sql));
  const done = finished(stream);
  // Awaited by write/end/abort; this only stops Node reporting it unhandled meanwhile.
  done.catch(() => {});
  return {
    batchSize: input.batchSize,
    async write(rows) {
      if (!stream.write(encode(rows))) await Promise.race([once(stream, 'drain'), done]);
      onSent(rows.length);
    },
    async end() {
      stream.end();
      try {
        await done;
      } finally {
        lease.release();
      }
      return stream.rowCount;
    },
    async abort(error) {
      stream.destroy(error instanceof Error ? error : new Error(String(error)));
      await done.catch(() => {});
      lease.release();
    },
  };
}
