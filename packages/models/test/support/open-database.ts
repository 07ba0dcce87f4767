import { createDatabase, type Database, silentLogger } from '@dalkit/connection';
import type { TargetSuite } from '@dalkit/testing/vitest';
import type { ModelCtor } from 'sequelize-typescript';
import { afterAll, beforeAll } from 'vitest';
import { assertConventions, type RegisterModelsOptions, registerModels } from '../../src/index.js';

/** A database handle on the suite's test database (pool of 1 on the embedded target). */
export function openDatabase(suite: TargetSuite): Database {
  return createDatabase(
    { url: suite.database.url, pool: { max: suite.database.maxConnections === 1 ? 1 : 4, min: 0 } },
    { logger: silentLogger, env: false },
  );
}

/**
 * For one suite: opens the test database, registers `models` (which must follow the schema
 * conventions), creates their tables, and closes the handle afterwards.
 */
export function useModels(
  suite: TargetSuite,
  models: readonly ModelCtor[],
  options: RegisterModelsOptions = {},
): { readonly db: Database } {
  let db: Database | undefined;
  beforeAll(async () => {
    db = openDatabase(suite);
    registerModels(db, models, options);
    assertConventions(db);
    await db.sequelize.sync({ force: true });
  });
  afterAll(() => db?.close());
  return {
    get db() {
      if (!db) throw new Error('the database is ready from beforeAll on');
      return db;
    },
  };
}
