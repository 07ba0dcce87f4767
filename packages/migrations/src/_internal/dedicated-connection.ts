import type { Sequelize } from 'sequelize';
import type { SqlFamily } from './dialect.js';

/** A connection of its own, outside Sequelize's pool, for session-level locks. */
export interface DedicatedConnection {
  query<T>(sql: string, params: readonly unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

interface SequelizeInternals {
  config: {
    host?: string;
    port?: number | string;
    username?: string;
    password?: string;
    database?: string;
    dialectOptions?: Record<string, unknown>;
  };
  connectionManager: { lib: Record<string, unknown> };
}

interface PgClient {
  connect(): Promise<void>;
  query(sql: string, params: readonly unknown[]): Promise<{ rows: unknown[] }>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): void;
}

interface MysqlConnection {
  query(sql: string, params: readonly unknown[], cb: (error: Error | null, rows: unknown) => void): void;
  end(cb: (error?: Error | null) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}

/** Host, port, credentials and TLS settings of the Sequelize instance, in driver terms. */
function driverOptions({ config }: SequelizeInternals): Record<string, unknown> {
  return {
    host: config.host,
    port: config.port === undefined ? undefined : Number(config.port),
    user: config.username,
    password: config.password,
    database: config.database,
    ssl: config.dialectOptions?.ssl,
  };
}

async function openPostgres(
  internals: SequelizeInternals,
  applicationName: string,
): Promise<DedicatedConnection> {
  const Client = internals.connectionManager.lib.Client as new (options: Record<string, unknown>) => PgClient;
  const client = new Client({
    ...driverOptions(internals),
    application_name: applicationName,
    keepAlive: true,
  });
  // A lost lock connection must not crash the process; the next query on it reports the loss.
  client.on('error', () => undefined);
  await client.connect();
  return {
    query: async <T>(sql: string, params: readonly unknown[]) =>
      (await client.query(sql, params)).rows as T[],
    close: () => client.end(),
  };
}

async function openMysql(internals: SequelizeInternals): Promise<DedicatedConnection> {
  const createConnection = internals.connectionManager.lib.createConnection as (
    options: Record<string, unknown>,
  ) => MysqlConnection;
  const connection = createConnection(driverOptions(internals));
  connection.on('error', () => undefined);
  const query = <T>(sql: string, params: readonly unknown[]) =>
    new Promise<T[]>((resolve, reject) =>
      connection.query(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T[]))),
    );
  await query('SELECT 1', []);
  return {
    query,
    close: () => new Promise<void>((resolve) => connection.end(() => resolve())),
  };
}

/**
 * Opens a connection with the Sequelize instance's own settings and driver but outside its
 * pool: a session lock on it lives exactly as long as this connection, so a crashed runner's
 * lock goes away with its socket.
 */
export function openDedicatedConnection(
  sequelize: Sequelize,
  family: SqlFamily,
  applicationName: string,
): Promise<DedicatedConnection> {
  const internals = sequelize as unknown as SequelizeInternals;
  return family === 'postgres' ? openPostgres(internals, applicationName) : openMysql(internals);
}
