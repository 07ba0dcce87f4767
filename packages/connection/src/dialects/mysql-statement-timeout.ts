interface Mysql2Connection {
  /** Set by mysql2 from the server's handshake. */
  _isMariaDB?: boolean;
  query(sql: string, callback: (error: unknown) => void): unknown;
}

/**
 * The statement that bounds every statement of a new MariaDB/MySQL session by `timeoutMs`:
 * MariaDB `max_statement_time` (seconds, fractional), MySQL `max_execution_time` (ms, SELECTs only).
 */
export function mysqlStatementTimeoutSql(isMariaDb: boolean, timeoutMs: number): string {
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1)
    throw new TypeError('timeoutMs must be a positive integer');
  return isMariaDb
    ? `SET SESSION max_statement_time = ${timeoutMs / 1000}`
    : `SET SESSION max_execution_time = ${timeoutMs}`;
}

/** Applies `statementTimeoutMs` to a freshly opened mysql2 connection (Sequelize `afterConnect`). */
export function applyMysqlStatementTimeout(connection: unknown, timeoutMs: number): Promise<void> {
  const client = connection as Mysql2Connection;
  const sql = mysqlStatementTimeoutSql(client._isMariaDB === true, timeoutMs);
  return new Promise((resolve, reject) => {
    client.query(sql, (error) => (error ? reject(error) : resolve()));
  });
}
