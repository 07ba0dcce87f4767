import { ConnectionError, redactUrl } from '@dalkit/connection';
import pg from 'pg';

/** Runs one statement on the server's admin database and disconnects. */
export async function onPostgresAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (cause) {
    throw new ConnectionError(
      `The PostgreSQL test server at ${redactUrl(adminUrl)} (DALKIT_TEST_PG_URL) is unreachable: ${(cause as Error).message}`,
      { cause },
    );
  }
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The admin URL with its database name replaced. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
