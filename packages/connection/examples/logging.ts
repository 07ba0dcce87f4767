import { createDatabase, type Logger } from '@dalkit/connection';

/**
 * Send dalkit's log lines to your own logger (pino satisfies the interface) and log queries
 * slower than a threshold. String literals in the SQL are replaced by '?', bind values are
 * left out, and the password never reaches the logger.
 */
export async function slowQueries(url: string, logger: Logger): Promise<void> {
  const db = createDatabase({ url, logger, logging: { slowQueryMs: 100 }, pool: { max: 1, min: 0 } });
  try {
    const sleep = url.startsWith('mysql') || url.startsWith('mariadb') ? 'SLEEP(0.15)' : 'pg_sleep(0.15)';
    await db.query(`SELECT ${sleep}, 'alice@example.com' AS email`);
    // logger.warn({ durationMs: 152, sql: "SELECT pg_sleep(0.15), '?' AS email" }, 'slow query (152 ms >= 100 ms)')
  } finally {
    await db.close();
  }
}
