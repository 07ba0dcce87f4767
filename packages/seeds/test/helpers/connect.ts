import type { TestDatabase } from '@dalkit/testing';
import { Sequelize } from 'sequelize';

/** A Sequelize instance on a test database (pool of 1 on the embedded server). */
export function connect(database: TestDatabase): Sequelize {
  return new Sequelize(database.url, {
    logging: false,
    pool: { max: Math.min(database.maxConnections, 4), min: 0 },
  });
}

/** Row count of a table. */
export async function countRows(sequelize: Sequelize, table: string): Promise<number> {
  const q = sequelize.getDialect() === 'postgres' ? `"${table}"` : `\`${table}\``;
  const [rows] = await sequelize.query(`SELECT COUNT(*) AS n FROM ${q}`);
  return Number((rows as Array<{ n: unknown }>)[0]?.n);
}
