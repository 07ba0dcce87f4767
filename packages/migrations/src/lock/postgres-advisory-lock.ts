import type { Sequelize } from 'sequelize';
import { openDedicatedConnection } from '../_internal/dedicated-connection.js';
import type { LockHolder } from '../errors.js';
import type { LockTiming, MigrationLock } from './lock.js';
import { createSessionLock } from './session-lock.js';

/** First half of the advisory lock key: "dalk" as an int4. */
const LOCK_CLASS = 0x64616c6b;

const HOLDER_SQL = `SELECT a.pid, a.application_name, a.client_addr::text AS client, a.usename AS "user"
  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
  WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 2
    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  LIMIT 1`;

interface HolderRow {
  pid: number;
  application_name: string;
  client: string | null;
  user: string;
}

/** A stable int4 (0..2^31-1) for a lock name. */
export function lockObjectId(name: string): number {
  let hash = 0;
  for (const char of name) hash = (Math.imul(hash, 31) + (char.codePointAt(0) ?? 0)) | 0;
  return hash & 0x7fffffff;
}

function toHolder(row: HolderRow): LockHolder {
  return {
    pid: row.pid,
    ...(row.application_name ? { applicationName: row.application_name } : {}),
    ...(row.client ? { client: row.client } : {}),
    ...(row.user ? { user: row.user } : {}),
  };
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
  const key = [LOCK_CLASS, lockObjectId(options.name)];
  return createSessionLock(
    {
      open: () => openDedicatedConnection(sequelize, 'postgres', options.applicationName),
      tryAcquire: async (c) =>
        (await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', key))[0]?.ok === true,
      describeHolder: async (c) => {
        const [row] = await c.query<HolderRow>(HOLDER_SQL, key);
        return row ? toHolder(row) : undefined;
      },
      unlock: async (c) => {
        await c.query('SELECT pg_advisory_unlock($1, $2)', key);
      },
    },
    options,
  );
}
