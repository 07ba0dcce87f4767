import type { Sequelize } from 'sequelize';
import { type DedicatedConnection, openDedicatedConnection } from '../_internal/dedicated-connection.js';
import type { LockHolder } from '../errors.js';
import { type LockTiming, type MigrationLock, pollForLock } from './lock.js';

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
  let connection: DedicatedConnection | undefined;
  return {
    async acquire() {
      const conn = await openDedicatedConnection(sequelize, 'mysql', '');
      try {
        await pollForLock(
          async () => {
            const [row] = await conn.query<{ ok: number | null }>('SELECT GET_LOCK(?, 0) AS ok', [name]);
            return Number(row?.ok) === 1;
          },
          async () => {
            const [used] = await conn.query<{ id: number | null }>('SELECT IS_USED_LOCK(?) AS id', [name]);
            if (used?.id === null || used?.id === undefined) return undefined;
            const [row] = await conn.query<{ user: string; host: string }>(
              'SELECT USER AS user, HOST AS host FROM information_schema.PROCESSLIST WHERE ID = ?',
              [used.id],
            );
            const holder: LockHolder = { pid: Number(used.id) };
            if (row?.user) holder.user = row.user;
            if (row?.host) holder.client = row.host;
            return holder;
          },
          options,
        );
        connection = conn;
      } catch (error) {
        await conn.close().catch(() => undefined);
        throw error;
      }
    },
    async release() {
      const conn = connection;
      connection = undefined;
      if (!conn) return;
      try {
        await conn.query('SELECT RELEASE_LOCK(?)', [name]);
      } finally {
        await conn.close();
      }
    },
  };
}
