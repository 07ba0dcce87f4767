import type { Sequelize } from 'sequelize';
import { checksumOf } from '../checksum.js';
import type { HistoryStorage } from '../history-storage.js';
import { HistoryState, type MigrationLogger } from '../types.js';
import { snapshotSchema } from './schema-snapshot.js';

/**
 * MariaDB/MySQL: removes `started` rows left by a runner that died mid-migration when the
 * schema still matches the hash taken before it started (its DML was rolled back by InnoDB and
 * it committed no DDL), so the next runner can simply apply it again. Rows whose schema moved
 * on stay, and `up` refuses until someone looks. Call it while holding the lock.
 */
export async function clearCrashedAttempts(
  sequelize: Sequelize,
  storage: HistoryStorage,
  logger: MigrationLogger,
): Promise<string[]> {
  const crashed = (await storage.rows()).filter((r) => r.state === HistoryState.STARTED && r.schemaHash);
  if (crashed.length === 0) return [];
  const current = checksumOf(...(await snapshotSchema(sequelize)));
  const cleared: string[] = [];
  for (const row of crashed) {
    if (row.schemaHash !== current) continue;
    await storage.remove(row.name);
    cleared.push(row.name);
    logger.warn(
      { migration: row.name },
      `Cleared a crashed attempt of ${row.name} that left no schema change`,
    );
  }
  return cleared;
}
