import { ConnectionError, ErrorCode, redactUrl } from '@dalkit/connection';

/** Runs one statement on the MariaDB server named by the admin URL and disconnects. */
export async function onMariadbAdmin(adminUrl: string, statement: string): Promise<void> {
  let mysql: typeof import('mysql2/promise');
  try {
    mysql = await import('mysql2/promise');
  } catch (cause) {
    throw new ConnectionError('MariaDB test databases need the mysql2 package: run `pnpm add -D mysql2`', {
      code: ErrorCode.DRIVER_MISSING,
      cause,
    });
  }
  const parsed = new URL(adminUrl);
  let connection: import('mysql2/promise').Connection;
  try {
    connection = await mysql.createConnection({
      host: parsed.hostname,
      port: Number(parsed.port || 3306),
      user: decodeURIComponent(parsed.username || 'root'),
      password: decodeURIComponent(parsed.password),
      connectTimeout: 5_000,
    });
  } catch (cause) {
    throw new ConnectionError(
      `The MariaDB test server at ${redactUrl(adminUrl)} (DALKIT_TEST_MARIADB_URL) is unreachable: ${(cause as Error).message}`,
      { cause },
    );
  }
  try {
    await connection.query(statement);
  } finally {
    await connection.end();
  }
}
