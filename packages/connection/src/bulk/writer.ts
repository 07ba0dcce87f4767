import type { BulkRow } from './types.js';

/** Sends the chunks of one bulk load by one method. */
export interface BulkWriter {
  /** Rows per {@link BulkWriter.write} call at most. */
  readonly batchSize: number;
  /** Sends one batch; resolves once the next one may be sent. */
  write(rows: readonly BulkRow[]): Promise<void>;
  /** Waits for everything sent; returns the rows the database reports affected. */
  end(): Promise<number>;
  /** Abandons the load after a failure (a COPY is cancelled) and frees what it holds. */
  abort(error: unknown): Promise<void>;
}
