import { ConfigError, type EmbeddedPostgres, startEmbeddedPostgres } from '@dalkit/connection';
import { uniqueDatabaseName } from './_internal/unique-name.js';
import { embeddedTemplate } from './embedded-template.js';
import { onMariadbAdmin } from './mariadb-server.js';
import { onPostgresAdmin, withDatabase } from './postgres-server.js';
import { availableTargets, TARGET_URL_VARIABLE, type TestTarget } from './targets.js';

/** Options for {@link createTestDatabase}. */
export interface CreateTestDatabaseOptions {
  /** Where to create it. @default the first of {@link availableTargets} (`embedded`) */
  target?: TestTarget;
  /** PostgreSQL server only: clone this database (e.g. one already migrated) instead of template0. */
  template?: string;
  /** Environment to read the server URLs from. @default process.env */
  env?: NodeJS.ProcessEnv;
}

/** An isolated, empty database that exists until {@link TestDatabase.drop} is called. */
export interface TestDatabase {
  readonly target: TestTarget;
  /** The Sequelize dialect to talk to it with. */
  readonly dialect: 'postgres' | 'mariadb';
  /** A full connection URL, credentials included (test servers only). */
  readonly url: string;
  /** The database name. */
  readonly database: string;
  /** The most connections it accepts at once: 1 for the embedded server. */
  readonly maxConnections: number;
  /** Drops the database (or stops the embedded server). Idempotent. */
  drop(): Promise<void>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function serverUrl(target: 'postgres' | 'mariadb', env: NodeJS.ProcessEnv): string {
  const variable = TARGET_URL_VARIABLE[target];
  const url = env[variable];
  if (!url) {
    throw new ConfigError([
      { key: variable, source: 'environment', expected: `a ${target} admin URL to create test databases on` },
    ]);
  }
  return url;
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => {
    done ??= fn();
    return done;
  };
}

async function createEmbedded(): Promise<TestDatabase> {
  const server: EmbeddedPostgres = await startEmbeddedPostgres({ loadDataDir: await embeddedTemplate() });
  return {
    target: 'embedded',
    dialect: 'postgres',
    url: server.url,
    database: 'postgres',
    maxConnections: server.maxConnections,
    drop: once(() => server.close()),
  };
}

async function createOnPostgres(adminUrl: string, template: string | undefined): Promise<TestDatabase> {
  if (template !== undefined && !IDENTIFIER.test(template)) {
    throw new ConfigError([
      { key: 'template', source: 'options', expected: 'a lowercase database name', received: template },
    ]);
  }
  const database = uniqueDatabaseName();
  await onPostgresAdmin(adminUrl, `CREATE DATABASE ${database} TEMPLATE ${template ?? 'template0'}`);
  return {
    target: 'postgres',
    dialect: 'postgres',
    url: withDatabase(adminUrl, database),
    database,
    maxConnections: 100,
    drop: once(() => onPostgresAdmin(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)),
  };
}

async function createOnMariadb(adminUrl: string): Promise<TestDatabase> {
  const database = uniqueDatabaseName();
  await onMariadbAdmin(
    adminUrl,
    `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  return {
    target: 'mariadb',
    dialect: 'mariadb',
    url: withDatabase(adminUrl, database),
    database,
    maxConnections: 100,
    drop: once(() => onMariadbAdmin(adminUrl, `DROP DATABASE IF EXISTS \`${database}\``)),
  };
}

/**
 * Creates an isolated, empty database for one test file (or one suite): a fresh embedded
 * PostgreSQL started from a cached template by default, or a new database on the server
 * named by `DALKIT_TEST_PG_URL` / `DALKIT_TEST_MARIADB_URL`. An unreachable server is an
 * error naming its (redacted) URL, never a skip.
 */
export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const env = options.env ?? process.env;
  const target = options.target ?? availableTargets(env)[0] ?? 'embedded';
  switch (target) {
    case 'embedded':
      return createEmbedded();
    case 'postgres':
      return createOnPostgres(serverUrl('postgres', env), options.template);
    case 'mariadb':
      return createOnMariadb(serverUrl('mariadb', env));
  }
}
