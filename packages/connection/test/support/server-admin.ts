import pg from 'pg';

/** Runs one statement as the admin of the server the suite database lives on. */
export async function onServer<T = Record<string, unknown>>(
  target: 'postgres' | 'mariadb' | 'embedded',
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  if (target === 'postgres') {
    const client = new pg.Client({ connectionString: process.env.DALKIT_TEST_PG_URL });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }
  if (target === 'mariadb') {
    const mysql = await import('mysql2/promise');
    const url = new URL(process.env.DALKIT_TEST_MARIADB_URL ?? '');
    const connection = await mysql.createConnection({
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    });
    try {
      const [rows] = await connection.query(sql, params);
      return rows as T[];
    } finally {
      await connection.end();
    }
  }
  throw new Error('the embedded database has no separate admin connection');
}

/** How many sessions the server holds for a database (PostgreSQL: by application name). */
export async function sessionCount(target: 'postgres' | 'mariadb', key: string): Promise<number> {
  const rows =
    target === 'postgres'
      ? await onServer<{ n: string }>(
          target,
          'SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1',
          [key],
        )
      : await onServer<{ n: number }>(
          target,
          'SELECT count(*) AS n FROM information_schema.processlist WHERE db = ?',
          [key],
        );
  return Number(rows[0]?.n ?? 0);
}
