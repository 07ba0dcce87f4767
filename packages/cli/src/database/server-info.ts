import type { SqlRunner } from '../_internal/sql-runner.js';

/** Who and what the CLI is connected to. */
export interface ServerInfo {
  /** `15.20 (Debian 15.20-0+deb12u1)`, `10.11.19-MariaDB`, … */
  serverVersion: string;
  database: string;
  user: string;
  /** True when this session is encrypted. */
  ssl: boolean;
}

async function postgresInfo(sql: SqlRunner): Promise<ServerInfo> {
  const [row] = await sql.select<{ version: string; database: string; user: string }>(
    `SELECT current_setting('server_version') AS "version", current_database() AS "database", current_user AS "user"`,
  );
  // pg_stat_ssl is absent on some PostgreSQL builds (the embedded one): no SSL there.
  const ssl = await sql
    .select<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')
    .then((rows) => rows[0]?.ssl === true)
    .catch(() => false);
  return {
    serverVersion: row?.version ?? 'unknown',
    database: row?.database ?? '',
    user: row?.user ?? '',
    ssl,
  };
}

async function mariadbInfo(sql: SqlRunner): Promise<ServerInfo> {
  const [row] = await sql.select<{ version: string; database: string | null; user: string }>(
    'SELECT VERSION() AS `version`, DATABASE() AS `database`, CURRENT_USER() AS `user`',
  );
  const [cipher] = await sql.select<{ Value?: string; value?: string }>(
    "SHOW SESSION STATUS LIKE 'Ssl_cipher'",
  );
  const value = cipher?.Value ?? cipher?.value ?? '';
  return {
    serverVersion: row?.version ?? 'unknown',
    database: row?.database ?? '',
    user: row?.user ?? '',
    ssl: value !== '',
  };
}

/** Reads the server version, database, user and SSL state of the connection. */
export function readServerInfo(sql: SqlRunner): Promise<ServerInfo> {
  return sql.dialect === 'postgres' ? postgresInfo(sql) : mariadbInfo(sql);
}
