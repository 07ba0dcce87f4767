import type { Sequelize } from 'sequelize';
import { describeConnectError } from './_internal/connect-error.js';
import { isDalkitError } from './errors/dalkit-error.js';
import { mapDatabaseError } from './errors/map-database-error.js';
import { redactSecrets } from './redact.js';

/** Pool figures at one moment. */
export interface PoolStats {
  /** Open connections, in use or idle. */
  size: number;
  /** Open connections waiting to be used. */
  idle: number;
  /** Connections checked out right now. */
  using: number;
  /** Callers waiting for a connection. */
  waiting: number;
  min: number;
  max: number;
}

/** The result of `db.health()`; `ok: false` carries the error instead of throwing it. */
export interface HealthReport {
  ok: boolean;
  /** Round-trip time of `SELECT 1` in ms; absent when it failed. */
  latencyMs?: number;
  dialect: string;
  /** The database address, password removed. */
  target: string;
  /** The primary's pool. */
  pool: PoolStats;
  /** The read replicas' pool, when replicas are configured. */
  readPool?: PoolStats;
  error?: { code: string; message: string };
}

interface SequelizePoolLike {
  size: number;
  available: number;
  using: number;
  waiting: number;
  minSize: number;
  maxSize: number;
}

/** Reads the pool figures of a Sequelize instance: its primary (write) pool, or with `'read'` its replicas' pool. */
export function poolStats(sequelize: Sequelize, which: 'write' | 'read' = 'write'): PoolStats {
  const manager = sequelize.connectionManager as unknown as {
    pool?: SequelizePoolLike & { write?: SequelizePoolLike; read?: SequelizePoolLike };
  };
  const pool = manager.pool?.write ? manager.pool[which] : which === 'write' ? manager.pool : undefined;
  if (!pool) return { size: 0, idle: 0, using: 0, waiting: 0, min: 0, max: 0 };
  return {
    size: pool.size,
    idle: pool.available,
    using: pool.using,
    waiting: pool.waiting,
    min: pool.minSize,
    max: pool.maxSize,
  };
}

function hasReplicas(sequelize: Sequelize): boolean {
  return Boolean((sequelize.connectionManager as unknown as { pool?: { read?: unknown } }).pool?.read);
}

/** Runs `SELECT 1` and returns the round trip in ms (fractional, from a monotonic clock). */
export async function measureRoundTrip(sequelize: Sequelize): Promise<number> {
  const started = performance.now();
  await sequelize.query('SELECT 1', { raw: true, logging: false });
  return Math.round((performance.now() - started) * 100) / 100;
}

/**
 * Measures a round trip and reads the pool figures (taken before the round trip, so they show
 * the load the check arrived in). Never throws: a failure is `ok: false` with a mapped error
 * code and a message free of secrets.
 */
export async function checkHealth(
  sequelize: Sequelize,
  about: { dialect: string; target: string; secrets: readonly (string | undefined)[] },
): Promise<HealthReport> {
  const figures = {
    dialect: about.dialect,
    target: about.target,
    pool: poolStats(sequelize),
    ...(hasReplicas(sequelize) ? { readPool: poolStats(sequelize, 'read') } : {}),
  };
  try {
    return { ok: true, latencyMs: await measureRoundTrip(sequelize), ...figures };
  } catch (error) {
    const mapped = mapDatabaseError(error);
    const code = isDalkitError(mapped) ? mapped.code : 'CONNECTION_FAILED';
    const message = redactSecrets(describeConnectError(error), about.secrets);
    return { ok: false, ...figures, error: { code, message } };
  }
}
