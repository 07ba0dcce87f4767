import mysql from 'mysql2/promise';
import pg from 'pg';

/** Runs statements on a PostgreSQL database, one after the other. */
export async function onPostgres(url: string, ...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Runs statements on a MariaDB database, one after the other. */
export async function onMariadb(url: string, ...statements: string[]): Promise<void> {
  const connection = await mysql.createConnection(url);
  try {
    for (const statement of statements) await connection.query(statement);
  } finally {
    await connection.end();
  }
}
