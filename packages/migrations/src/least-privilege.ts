import type { Sequelize } from 'sequelize';
import { quoteIdentifier } from './_internal/dialect.js';

/** Options for {@link grantAppRole}. */
export interface GrantAppRoleOptions {
  /** The role the application connects as; it gets DML only and owns nothing. */
  appRole: string;
  /** @default 'public' */
  schema?: string;
  /** The history table, which the app role may read but never write. @default 'dalkit_migrations' */
  historyTable?: string;
}

/**
 * PostgreSQL: gives `appRole` SELECT/INSERT/UPDATE/DELETE on every table the migrating role
 * creates from now on (`ALTER DEFAULT PRIVILEGES`) and on the existing ones, plus sequence
 * usage — and nothing else: it cannot DROP, ALTER, TRUNCATE or CREATE. Idempotent; the
 * migrator runs it on every `up` when `appRole` is set.
 */
export async function grantAppRole(sequelize: Sequelize, options: GrantAppRoleOptions): Promise<void> {
  const role = quoteIdentifier('postgres', options.appRole, 'appRole');
  const schema = quoteIdentifier('postgres', options.schema ?? 'public', 'schema');
  const history = quoteIdentifier('postgres', options.historyTable ?? 'dalkit_migrations', 'tableName');
  const statements = [
    `GRANT USAGE ON SCHEMA ${schema} TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${schema}.${history} FROM ${role}`,
  ];
  for (const sql of statements) await sequelize.query(sql);
}
