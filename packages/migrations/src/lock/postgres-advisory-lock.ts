import type { Sequelize } from 'sequelize';
import { type DedicatedConnection, openDedicatedConnection } from '../_internal/dedicated-connection.js';
import type { LockHolder } from '../errors.js';
import { type LockTiming, type MigrationLock, pollForLock } from './lock.js';

/** First half of the advisory lock key: "dalk" as an int4. */
const LOCK_CLASS = 0x64616c6b;

const HOLDER_SQL = `SELECT a.pid, a.application_name, a.client_addr::text AS client, a.usename AS "user"
  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
  WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 2
    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  LIMIT 1`;

/** A stable int4 (0..2^31-1) for a lock name. */
export function lockObjectId(name: string): number {
  let hash = 0;
  for (const char of name) hash = (Math.imul(hash, 31) + (char.codePointAt(0) ?? 0)) | 0;
  return hash & 0x7fffffff;
}

/**
 * A PostgreSQL session advisory lock (`pg_try_advisory_lock`) on a dedicated connection outside
 * the pool, polled until `timeoutMs`. It needs a direct connection (not a transaction-mode
 * PgBouncer): point the migrator at the server itself (`migrationUrl`). Because the lock
 * belongs to that connection's session, a runner that crashes drops it with its socket.
 */
export function createPostgresAdvisoryLock(
  sequelize: Sequelize,
  options: LockTiming & { name: string; applicationName: string },
): MigrationLock {
  const objectId = lockObjectId(options.name);
  let connection: DedicatedConnection | undefined;
  return {
    async acquire() {
      const conn = await openDedicatedConnection(sequelize, 'postgres', options.applicationName);
      try {
        await pollForLock(
          async () => {
            const [row] = await conn.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [
              LOCK_CLASS,
              objectId,
            ]);
            return row?.ok === true;
          },
          async () => {
            const [row] = await conn.query<{
              pid: number;
              application_name: string;
              client: string | null;
              user: string;
            }>(HOLDER_SQL, [LOCK_CLASS, objectId]);
            return row ? toHolder(row) : undefined;
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
        await conn.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_CLASS, objectId]);
      } finally {
        await conn.close();
      }
    },
  };
}

function toHolder(row: {
  pid: number;
  application_name: string;
  client: string | null;
  user: string;
}): LockHolder {
  return {
    pid: row.pid,
    ...(row.application_name ? { applicationName: row.application_name } : {}),
    ...(row.client ? { client: row.client } : {}),
    ...(row.user ? { user: row.user } : {}),
  };
}
