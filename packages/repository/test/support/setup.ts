import type { TestDatabase } from '@dalkit/testing';
import { Sequelize } from 'sequelize-typescript';
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
