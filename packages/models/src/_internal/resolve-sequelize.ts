import { ConfigError } from '@dalkit/connection';
import type { Sequelize } from 'sequelize';

/** A `Database` handle from `@dalkit/connection` (anything with a `sequelize`), or a Sequelize instance. */
export type DatabaseLike = { readonly sequelize: Sequelize } | Sequelize;

function isSequelize(value: unknown): value is Sequelize {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Sequelize).define === 'function' &&
    typeof (value as Sequelize).getQueryInterface === 'function'
  );
}

/** The Sequelize instance behind a database handle. */
export function resolveSequelize(db: DatabaseLike): Sequelize {
  if (isSequelize(db)) return db;
  if (typeof db === 'object' && db !== null && isSequelize((db as { sequelize?: unknown }).sequelize)) {
    return (db as { sequelize: Sequelize }).sequelize;
  }
  throw new ConfigError([
    { key: 'db', source: 'argument', expected: 'a Database from createDatabase() or a Sequelize instance' },
  ]);
}
