import { createDatabase, type Database, silentLogger } from '@dalkit/connection';
import type { TargetSuite } from '@dalkit/testing/vitest';

/** A database handle on the suite's test database (pool of 1 on the embedded target). */
export function openDatabase(suite: TargetSuite): Database {
  return createDatabase(
    { url: suite.database.url, pool: { max: suite.database.maxConnections === 1 ? 1 : 4, min: 0 } },
    { logger: silentLogger, env: false },
  );
}
