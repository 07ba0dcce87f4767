import type { Sequelize } from 'sequelize';
import { type DedicatedConnection, openDedicatedConnection } from '../_internal/dedicated-connection.js';
import type { LockHolder } from '../errors.js';
import type { LockTiming, MigrationLock } from './lock.js';
import { createSessionLock } from './session-lock.js';

async function describeHolder(
  connection: DedicatedConnection,
  name: string,
): Promise<LockHolder | undefined> {
  const [used] = await connection.query<{ id: number | null }>('SELECT IS_USED_LOCK(?) AS id', [name]);
  if (used?.id === null || used?.id === undefined) return undefined;
  const [row] = await connection.query<{ user: string; host: string }>(
    'SELECT USER AS user, HOST AS host FROM information_schema.PROCESSLIST WHERE ID = ?',
    [used.id],
  );
  return {
    pid: Number(used.id),
    ...(row?.user ? { user: row.user } : {}),
    ...(row?.host ? { client: row.host } : {}),
  };
}

/**
 * A MariaDB/MySQL named lock (`GET_LOCK(name, 0)`) on a dedicated connection, polled until
 * `timeoutMs`. Named locks are server-wide, so `name` should include the database. The server
 * frees it when the connection ends, so a crashed runner leaves no stale lock.
 */
export function createMariadbGetLock(
  sequelize: Sequelize,
  options: LockTiming & { name: string },
): MigrationLock {
  const name = options.name.slice(0, 64);
  return createSessionLock(
    {
      open: () => openDedicatedConnection(sequelize, 'mysql', ''),
      tryAcquire: async (c) =>
        Number((await c.query<{ ok: number | null }>('SELECT GET_LOCK(?, 0) AS ok', [name]))[0]?.ok) === 1,
      describeHolder: (c) => describeHolder(c, name),
      unlock: async (c) => {
        await c.query('SELECT RELEASE_LOCK(?)', [name]);
      },
    },
    options,
  );
}
