import { hostname } from 'node:os';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { SqlFamily } from '../_internal/dialect.js';
import { createInProcessLock } from './in-process-lock.js';
import type { LockTiming, MigrationLock } from './lock.js';
import { createMariadbGetLock } from './mariadb-get-lock.js';
import { createPostgresAdvisoryLock } from './postgres-advisory-lock.js';

/** `'auto'` picks the lock for the database; `false` disables locking; or bring your own. */
export type LockOption = 'auto' | false | MigrationLock;

const NO_LOCK: MigrationLock = { acquire: async () => undefined, release: async () => undefined };

async function isPglite(sequelize: Sequelize): Promise<boolean> {
  const [row] = await sequelize.query<{ v: string }>('SELECT version() AS v', { type: QueryTypes.SELECT });
  return /PGlite/i.test(row?.v ?? '');
}

/**
 * The lock for `auto`: a session advisory lock on a dedicated connection for PostgreSQL, a
 * `GET_LOCK` named lock for MariaDB/MySQL, and an in-process lock for the embedded PostgreSQL
 * (PGlite serves one connection, to the process that started it).
 */
export async function resolveMigrationLock(
  sequelize: Sequelize,
  family: SqlFamily,
  option: LockOption,
  settings: LockTiming & { tableName: string },
): Promise<MigrationLock> {
  if (option === false) return NO_LOCK;
  if (option !== 'auto') return option;
  const config = (sequelize as unknown as { config: { host?: string; port?: unknown; database?: string } })
    .config;
  const scope = `${config.database ?? ''}:${settings.tableName}`;
  if (family === 'mysql') return createMariadbGetLock(sequelize, { ...settings, name: `dalkit:${scope}` });
  if (await isPglite(sequelize)) {
    return createInProcessLock(`${config.host}:${String(config.port)}:${scope}`, settings);
  }
  const applicationName = `dalkit-migrate ${hostname()} pid ${process.pid}`.slice(0, 63);
  return createPostgresAdvisoryLock(sequelize, { ...settings, name: scope, applicationName });
}
