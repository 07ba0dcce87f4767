import { ConfigError, quoteIdentifier as quote } from '@dalkit/connection';
import type { Sequelize } from 'sequelize';

/** The two SQL families the migrator speaks. */
export type SqlFamily = 'postgres' | 'mysql';

/** `postgres` for PostgreSQL (and PGlite), `mysql` for MariaDB and MySQL. */
export function sqlFamilyOf(sequelize: Sequelize): SqlFamily {
  const dialect = sequelize.getDialect();
  if (dialect === 'postgres') return 'postgres';
  if (dialect === 'mysql' || dialect === 'mariadb') return 'mysql';
  throw new ConfigError([
    {
      key: 'dialect',
      source: 'sequelize instance',
      expected: 'postgres, mariadb or mysql',
      received: dialect,
    },
  ]);
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Validates an identifier we must interpolate (table, role, schema) and quotes it for `family`. */
export function quoteIdentifier(family: SqlFamily, name: string, field: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new ConfigError([
      {
        key: field,
        source: 'migrator options',
        expected: 'a lowercase identifier matching /^[a-z_][a-z0-9_]{0,62}$/',
        received: name,
      },
    ]);
  }
  return quote(name, family);
}
