import type { TextParser } from './pg-timestamp.js';
import { textValues } from './pg-values.js';

/** Where column parsers come from: a pg client, or a wrapper over its parsers. */
export interface TypeSource {
  getTypeParser(oid: number, format?: string): TextParser;
}

/** What this module needs of a pg `Client` (Sequelize's pooled connections are pg clients). */
export interface StatementClient {
  query(submittable: Submittable): unknown;
  /** pg's protocol connection; pg-native clients (Sequelize's `native: true`) have none. */
  connection?: object;
  /** True for clients set to the binary result format or to pipelining: not served here. */
  binary?: boolean;
  pipeline?: boolean;
}

/** The parts of pg's protocol writer used here (pg/lib/connection.js). */
interface ProtocolWriter {
  parse(message: { text: string; name: string; types: never[] }): void;
  bind(message: { portal: string; statement: string; values: (string | null)[] }): void;
  describe(message: { type: 'P' | 'S'; name: string }): void;
  execute(message: { portal: string }): void;
  close(message: { type: 'S'; name: string }): void;
  sync(): void;
  sendCopyFail(message: string): void;
  stream: { cork?(): void; uncork?(): void };
}

/** The interface pg's `client.query()` drives for a query object it did not build itself. */
export interface Submittable {
  submit(connection: ProtocolWriter): Error | null;
  /** Set by the caller; pg wraps it when the connection has a `query_timeout`. */
  callback?(error: Error | null, result?: StatementResult<unknown>): void;
}

/** Builds one result row from its columns' texts (null for NULL), their types' parsers and names. */
export type RowBuilder<R> = (
  fields: readonly (string | null)[],
  parsers: readonly TextParser[],
  names: readonly string[],
) => R;

/** The built result rows and the statement's row count. */
export interface StatementResult<R> {
  rows: R[];
  rowCount: number;
}

/** A statement's result columns: the parser of each column's type, and each column's name. */
interface Columns {
  parsers: TextParser[];
  names: string[];
}

/** A statement without result columns (it sends no RowDescription). */
const NO_COLUMNS: Columns = { parsers: [], names: [] };

/** A named statement prepared on a connection: its text and result columns. */
interface Prepared {
  text: string;
  columns: Columns;
}

/** Per connection: the named statements this module prepared there. */
const PREPARED = new WeakMap<StatementClient, Map<string, Prepared>>();

/** The row count in a CommandComplete tag (`SELECT 3`, `UPDATE 2`, `INSERT 0 1`). */
function tagCount(tag: string): number {
  const count = Number(tag.slice(tag.lastIndexOf(' ') + 1));
  return Number.isInteger(count) ? count : 0;
}

/**
 * Errors that mean the connection's copy of a prepared statement is gone (`DEALLOCATE`,
 * `DISCARD ALL`) or stale (a column changed type): raised at Bind, before anything ran.
 */
function isStale(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === '26000' ||
    (code === '0A000' &&
      typeof message === 'string' &&
      message.includes('cached plan must not change result type'))
  );
}

/**
 * One extended-protocol statement run on a pg client, each row built as it arrives.
 *
 * A named statement is parsed and described on a connection once; afterwards each run sends only
 * Bind, Execute and Sync, and the rows are parsed with the column parsers kept from that first
 * description. pg's own `Query` re-describes on every run, copies its config and builds a Result
 * with a field map the repository never reads: several µs per call, and a RowDescription message
 * the server no longer has to send.
 *
 * PostgreSQL refuses to run a prepared statement whose result columns changed type ("cached
 * plan must not change result type"), so kept parsers never read a changed column. On any error
 * the statement is forgotten on that connection; the next run prepares it again, first closing
 * whatever a failed run left (closing a missing statement is not an error).
 *
 * The statement is its own result, and its rows array comes from `Array.of`: an object or array
 * literal here would have an allocation site V8 can pretenure (allocate in the old generation once
 * its objects are seen surviving scavenges), and an old result or rows array keeps every row it
 * points to alive through the next scavenges. See `compile` in row-decoder.ts for the measurement.
 */
class Statement<R> implements Submittable, StatementResult<R> {
  callback?: (error: Error | null, result?: StatementResult<R>) => void;
  /** Whether this run sent Parse (the statement was not known prepared on the connection). */
  parsed = false;
  /** Whether anything was sent: a statement refused before sending leaves the connection as it was. */
  private sent = false;
  /** Kept from the connection's first description of a prepared statement, or described now. */
  private columns: Columns | undefined;
  readonly rows: R[] = Array.of<R>();
  /** The row count of the statement's CommandComplete tag. */
  rowCount = 0;
  private failure: Error | undefined;

  constructor(
    private readonly client: StatementClient,
    private readonly text: string,
    private readonly values: (string | null)[],
    private readonly name: string,
    private readonly types: TypeSource,
    private readonly build: RowBuilder<R>,
  ) {}

  submit(connection: ProtocolWriter): Error | null {
    // Looked up now, not when queued: an earlier statement on this connection may have failed.
    const prepared = this.name ? PREPARED.get(this.client)?.get(this.name) : undefined;
    if (prepared && prepared.text !== this.text) {
      return new Error(`Prepared statement ${this.name} was prepared for a different statement`);
    }
    this.columns = prepared?.columns;
    this.parsed = prepared === undefined;
    this.sent = true;
    connection.stream.cork?.();
    try {
      if (this.parsed) {
        if (this.name) connection.close({ type: 'S', name: this.name });
        connection.parse({ text: this.text, name: this.name, types: [] });
      }
      connection.bind({ portal: '', statement: this.name, values: this.values });
      if (this.parsed) connection.describe({ type: 'P', name: '' });
      connection.execute({ portal: '' });
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  handleRowDescription(message: { fields: { name: string; dataTypeID: number }[] }): void {
    this.columns = {
      parsers: message.fields.map((field) => this.types.getTypeParser(field.dataTypeID, 'text')),
      names: message.fields.map((field) => field.name),
    };
  }

  handleDataRow(message: { fields: (string | null)[] }): void {
    if (this.failure) return;
    try {
      // DataRow always follows a RowDescription, or a prepared statement's kept description.
      const { parsers, names } = this.columns as Columns;
      this.rows.push(this.build(message.fields, parsers, names));
    } catch (error) {
      this.failure = error as Error;
    }
  }

  handleCommandComplete(message: { text: string }): void {
    this.rowCount = tagCount(message.text);
  }

  // Never sent for the repository's SQL; present so that a stray empty or COPY statement fails
  // this statement instead of the process (pg calls these unchecked).
  handleEmptyQuery(): void {}

  handleCopyInResponse(connection: ProtocolWriter): void {
    connection.sendCopyFail('COPY is not supported here');
  }

  handleCopyData(): void {}

  handleError(error: Error): void {
    if (this.name && this.sent) PREPARED.get(this.client)?.delete(this.name);
    this.callback?.(error);
  }

  handleReadyForQuery(): void {
    if (this.failure) {
      this.handleError(this.failure);
      return;
    }
    if (this.name && this.parsed) this.remember(this.columns ?? NO_COLUMNS);
    this.callback?.(null, this);
  }

  private remember(columns: Columns): void {
    let statements = PREPARED.get(this.client);
    if (!statements) {
      statements = new Map();
      PREPARED.set(this.client, statements);
    }
    statements.set(this.name, { text: this.text, columns });
  }
}

function execute<R>(statement: Statement<R>, client: StatementClient): Promise<StatementResult<R>> {
  return new Promise((resolve, reject) => {
    statement.callback = (error, result) => (error ? reject(error) : resolve(result as StatementResult<R>));
    client.query(statement);
  });
}

/** How `runStatement` runs one statement. */
export interface StatementOptions<R> {
  /** A named prepared statement; '' for the unnamed one (parsed on every run). */
  name: string;
  /** Where the column parsers come from. */
  types: TypeSource;
  /** Builds each row as it arrives (the parsers called while building; no array in between). */
  build: RowBuilder<R>;
  /** pg's `defaults.parseInputDatesAsUTC`: Dates written in UTC rather than local time. */
  utcDates: boolean;
  /**
   * Run once more when the connection's prepared copy turned out gone or stale. Only outside a
   * transaction: there the failed Bind has aborted the transaction.
   */
  retryStale: boolean;
}

/**
 * Runs `text` with `values` on `client` and resolves with its rows as `build` makes them.
 * Returns undefined, sending nothing, when this path cannot serve the call (a value `textValues`
 * leaves to pg; a pg-native, binary-format or pipelining client): pg's query then.
 */
export function runStatement<R>(
  client: StatementClient,
  text: string,
  values: readonly unknown[],
  options: StatementOptions<R>,
): Promise<StatementResult<R>> | undefined {
  if (client.binary || client.pipeline || typeof client.connection !== 'object') return undefined;
  const texts = textValues(values, options.utcDates);
  if (!texts) return undefined;
  const { name, types, build } = options;
  const statement = new Statement(client, text, texts, name, types, build);
  const result = execute(statement, client);
  if (!options.retryStale || !name) return result;
  return result.catch((error: unknown) => {
    if (statement.parsed || !isStale(error)) throw error;
    return execute(new Statement(client, text, texts, name, types, build), client);
  });
}
