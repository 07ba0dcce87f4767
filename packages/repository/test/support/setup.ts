import type { TestDatabase } from '@dalkit/testing';
import type { TargetSuite } from '@dalkit/testing/vitest';
import { Sequelize } from 'sequelize-typescript';
import { afterAll, beforeAll } from 'vitest';
import { MODELS } from './models.js';

/** A Sequelize instance on the test database with the test models synced. */
export async function openTestSequelize(
  database: TestDatabase,
  logging?: (sql: string) => void,
): Promise<Sequelize> {
  const sequelize = new Sequelize(database.url, {
    logging: logging ?? false,
    pool: { max: Math.min(database.maxConnections, 5), min: 0 },
    models: MODELS,
  });
  await sequelize.sync({ force: true });
  return sequelize;
}

/** Opens the suite's Sequelize before its tests and closes it after; returns a getter. */
export function useTestSequelize(suite: TargetSuite, logging?: (sql: string) => void): () => Sequelize {
  let sequelize: Sequelize | undefined;
  beforeAll(async () => {
    sequelize = await openTestSequelize(suite.database, logging);
  });
  afterAll(async () => {
    await sequelize?.close();
  });
  return () => {
    if (!sequelize) throw new Error('The test Sequelize is not open yet');
    return sequelize;
  };
}
