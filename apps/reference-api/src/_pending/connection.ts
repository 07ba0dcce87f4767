/**
 * PENDING: stands in for `createDatabase` and `mapDatabaseError` of @dalkit/connection
 * (issues 3 and 4) until they land. Delete once they do.
 */
import {
  ConnectionError,
  ConstraintViolationError,
  type DalkitError,
  isDalkitError,
  type Logger,
  QueryError,
  TimeoutError,
  TransientError,
} from '@dalkit/connection';
import pg from 'pg';
import type { Transaction } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';

/** The subset of the database handle the app uses. */
export interface Database {
  readonly sequelize: Sequelize;
  readonly dialect: 'postgres' | 'mariadb' | 'mysql';
  connect(): Promise<void>;
  ping(): Promise<number>;
  close(): Promise<void>;
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
}

/** Options of the pending `createDatabase`. */
export interface DatabaseOptions {
  url: string;
  pool?: { max?: number; min?: number; acquireTimeoutMs?: number };
  logger?: Logger;
}

/** A pooled Sequelize handle over `url`. */
export function createDatabase(options: DatabaseOptions): Database {
  const url = new URL(options.url);
  const dialect = url.protocol.startsWith('postgres') ? 'postgres' : 'mariadb';
  const sequelize = new Sequelize(options.url.replace(/^mysql:/, 'mariadb:').replace(/^mariadb:/, 'mysql:'), {
    dialect: dialect === 'postgres' ? 'postgres' : 'mysql',
    dialectModule: dialect === 'postgres' ? pg : undefined,
    logging: false,
    pool: {
      max: options.pool?.max ?? 10,
      min: options.pool?.min ?? 0,
      acquire: options.pool?.acquireTimeoutMs ?? 10_000,
      idle: 10_000,
    },
    dialectOptions: dialect === 'postgres' ? { connectionTimeoutMillis: 3_000 } : { connectTimeout: 3_000 },
  });
  let closed: Promise<void> | undefined;
  return {
    sequelize,
    dialect,
    async connect() {
      await sequelize.authenticate().catch((e) => {
        throw toDalkitError(e) ?? e;
      });
    },
    async ping() {
      const start = performance.now();
      await sequelize.query('SELECT 1').catch((e) => {
        throw toDalkitError(e) ?? e;
      });
      return performance.now() - start;
    },
    close() {
      closed ??= sequelize.close();
      return closed;
    },
    transaction: (fn) =>
      sequelize
        .transaction((tx) => fn(tx))
        .catch((e) => {
          throw toDalkitError(e) ?? e;
        }),
  };
}

const CONNECTION_ERRORS = new Set([
  'SequelizeConnectionError',
  'SequelizeConnectionRefusedError',
  'SequelizeHostNotFoundError',
  'SequelizeHostNotReachableError',
  'SequelizeConnectionTimedOutError',
  'SequelizeConnectionAcquireTimeoutError',
  'SequelizeAccessDeniedError',
]);

/** A dalkit error for any thrown value, or undefined when it is not a database error. */
export function toDalkitError(error: unknown): DalkitError | undefined {
  if (isDalkitError(error)) return error;
  if (!(error instanceof Error)) return undefined;
  if (CONNECTION_ERRORS.has(error.name))
    return new ConnectionError('The database is unreachable', { cause: error });
  const parent = (error as { parent?: { code?: string; constraint?: string; table?: string } }).parent;
  if (!error.name.startsWith('Sequelize')) return undefined;
  const code = parent?.code ?? '';
  const facts = { constraint: parent?.constraint, table: parent?.table };
  switch (code) {
    case '23505':
      return new ConstraintViolationError(
        { kind: 'unique', ...facts },
        'A unique constraint rejected the write',
        {
          cause: error,
        },
      );
    case '23503':
      return new ConstraintViolationError(
        { kind: 'foreign_key', ...facts },
        'A referenced row does not exist or is still referenced',
        { cause: error },
      );
    case '23514':
      return new ConstraintViolationError(
        { kind: 'check', ...facts },
        'A check constraint rejected the write',
        {
          cause: error,
        },
      );
    case '40001':
      return new TransientError('serialization', 'Serialization failure', { cause: error });
    case '40P01':
      return new TransientError('deadlock', 'Deadlock detected', { cause: error });
    case '57014':
      return new TimeoutError('The statement timed out', { cause: error });
  }
  if (/^(08|57P0|53300)/.test(code) || /ECONNREFUSED|ECONNRESET|terminated/i.test(error.message)) {
    return new ConnectionError('The database connection was lost', { cause: error });
  }
  return new QueryError('The query failed', { cause: error, sqlState: code || undefined });
}
