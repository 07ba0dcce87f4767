import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES } from '../../src/config/from-env.js';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { isDalkitError } from '../../src/errors/dalkit-error.js';
import { ConfigError } from '../../src/errors/errors.js';

const THIS_FILE = fileURLToPath(import.meta.url);
const file = (config: Record<string, unknown>) => ({ path: '/app/dalkit.config.ts', config });

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveConfig', () => {
  it('should accept a connection string alone and fill every default', () => {
    const config = resolveConfig({ url: 'postgres://app:pw@db.internal:6432/shop' }, { env: false });
    expect(config).toMatchObject({
      dialect: 'postgres',
      host: 'db.internal',
      port: 6432,
      database: 'shop',
      username: 'app',
      pool: { min: 2, max: 10, acquireTimeoutMs: 10_000, idleMs: 10_000 },
      connectTimeoutMs: 10_000,
      ssl: { mode: 'disable' },
      retry: { maxAttempts: 10, initialDelayMs: 200, maxDelayMs: 5_000, deadlineMs: 30_000 },
      logging: { level: 'info', logParameters: false, logQueries: false },
    });
    expect(config.password).toBe('pw');
  });

  it.each([
    ['postgres://h/db', 'postgres'],
    ['postgresql://h/db', 'postgres'],
    ['mysql://h/db', 'mysql'],
    ['mariadb://h/db', 'mariadb'],
  ])('should read the dialect of %s', (url, dialect) => {
    expect(resolveConfig({ url }, { env: false }).dialect).toBe(dialect);
  });

  it.each([
    ['pglite://memory', 'memory'],
    ['pglite://', 'memory'],
    ['pglite://./data/db', './data/db'],
    ['pglite:///var/lib/app', '/var/lib/app'],
  ])('should read %s as the embedded database in %s', (url, dataDir) => {
    const config = resolveConfig({ url }, { env: false });
    expect(config).toMatchObject({ dialect: 'postgres', embedded: { dataDir }, username: 'postgres' });
    expect(config.host).toBeUndefined();
  });

  it('should honour sslmode, sslrootcert, application_name, connect_timeout and statement_timeout', () => {
    const config = resolveConfig(
      {
        url: `postgres://h/db?sslmode=verify-full&sslrootcert=${encodeURIComponent(THIS_FILE)}&application_name=billing&connect_timeout=3&statement_timeout=1500`,
      },
      { env: false },
    );
    expect(config.ssl).toEqual({ mode: 'verify-full', ca: THIS_FILE });
    expect(config.applicationName).toBe('billing');
    expect(config.connectTimeoutMs).toBe(3_000);
    expect(config.statementTimeoutMs).toBe(1_500);
  });

  it('should take the user name from the operating system when none is given (USER may be unset)', () => {
    const config = resolveConfig({ url: 'postgres://h/db' }, { env: {} });
    expect(config.username).toMatch(/.+/);
  });

  it('should rank explicit options over environment over file over defaults, per key', () => {
    const config = resolveConfig(
      { pool: { max: 7 } },
      {
        env: { DATABASE_URL: 'postgres://env-host/env_db', DB_POOL_MIN: '1', DB_CONNECT_TIMEOUT_MS: '2000' },
        file: file({
          url: 'postgres://file-host/file_db',
          pool: { max: 3, min: 0, idleMs: 500 },
          connectTimeoutMs: 9,
        }),
      },
    );
    expect(config.host).toBe('env-host');
    expect(config.database).toBe('env_db');
    expect(config.pool).toEqual({ max: 7, min: 1, idleMs: 500, acquireTimeoutMs: 10_000 });
    expect(config.connectTimeoutMs).toBe(2_000);
  });

  it('should let an explicit URL hide every part of a lower URL, an embedded one included', () => {
    const config = resolveConfig(
      { url: 'mysql://app@explicit/shop' },
      { env: { DATABASE_URL: 'pglite://memory' }, file: file({ url: 'postgres://f:5433/x' }) },
    );
    expect(config).toMatchObject({ dialect: 'mysql', host: 'explicit', database: 'shop', port: 5433 });
    expect(config.embedded).toBeUndefined();
  });

  it('should let DB_* variables beat the same part of DATABASE_URL', () => {
    const config = resolveConfig(
      {},
      {
        env: { DATABASE_URL: 'postgres://u:old@h:5432/a', DB_PASSWORD: 'new', DB_NAME: 'b', DB_PORT: '6000' },
      },
    );
    expect(config).toMatchObject({ host: 'h', database: 'b', port: 6000, username: 'u' });
    expect(config.password).toBe('new');
  });

  it('should read every DB_* variable', () => {
    const config = resolveConfig(
      {},
      {
        env: {
          DB_DIALECT: 'mariadb',
          DB_HOST: 'maria',
          DB_PORT: '3307',
          DB_NAME: 'shop',
          DB_USER: 'app',
          DB_PASSWORD: 'pw',
          DB_APPLICATION_NAME: 'api',
          DB_POOL_MIN: '0',
          DB_POOL_MAX: '4',
          DB_POOL_ACQUIRE_TIMEOUT_MS: '500',
          DB_POOL_IDLE_MS: '600',
          DB_CONNECT_TIMEOUT_MS: '700',
          DB_STATEMENT_TIMEOUT_MS: '800',
          DB_SSL_MODE: 'require',
          DB_SSL_CA: THIS_FILE,
          DB_CONNECT_RETRY_MAX_ATTEMPTS: '3',
          DB_CONNECT_RETRY_INITIAL_DELAY_MS: '10',
          DB_CONNECT_RETRY_MAX_DELAY_MS: '20',
          DB_CONNECT_RETRY_DEADLINE_MS: '30',
          DB_SLOW_QUERY_MS: '40',
          DB_LOG_LEVEL: 'debug',
          DB_LOG_QUERIES: 'true',
          DB_LOG_PARAMETERS: '1',
        },
      },
    );
    expect({ ...config, password: config.password }).toEqual({
      dialect: 'mariadb',
      host: 'maria',
      port: 3307,
      database: 'shop',
      username: 'app',
      password: 'pw',
      applicationName: 'api',
      pool: { min: 0, max: 4, acquireTimeoutMs: 500, idleMs: 600 },
      connectTimeoutMs: 700,
      statementTimeoutMs: 800,
      ssl: { mode: 'require', ca: THIS_FILE },
      retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 20, deadlineMs: 30 },
      logging: { level: 'debug', slowQueryMs: 40, logQueries: true, logParameters: true },
    });
  });

  it('should treat empty variables as unset', () => {
    const config = resolveConfig(
      {},
      { env: { DATABASE_URL: 'postgres://h/db', DB_POOL_MAX: '', DB_HOST: ' ' } },
    );
    expect(config.pool.max).toBe(10);
    expect(config.host).toBe('h');
  });

  it('should keep the password out of enumeration, JSON and spreads', () => {
    const config = resolveConfig({ url: 'postgres://app:TopSecret1@h/db' }, { env: false });
    expect(Object.keys(config)).not.toContain('password');
    expect(JSON.stringify(config)).not.toContain('TopSecret1');
    expect(JSON.stringify({ ...config })).not.toContain('TopSecret1');
    expect(Object.isFrozen(config)).toBe(true);
  });
});

describe('resolveConfig errors', () => {
  it('should name the variable, what it must be and where it came from', () => {
    const error = configError(() =>
      resolveConfig({}, { env: { DB_HOST: 'h', DB_POOL_MIN: '2', DB_POOL_MAX: 'abc' } }),
    );
    expect(error.message).toContain(
      'DB_POOL_MAX must be an integer >= DB_POOL_MIN (got "abc" from environment)',
    );
    expect(isDalkitError(error, 'CONFIG_INVALID')).toBe(true);
  });

  it('should report a pool max below the min, naming both keys as written', () => {
    const error = configError(() =>
      resolveConfig({ url: 'postgres://h/db', pool: { max: 1 } }, { env: { DB_POOL_MIN: '5' } }),
    );
    expect(error.issues).toEqual([
      { key: 'pool.max', source: 'explicit options', expected: 'an integer >= DB_POOL_MIN', received: '1' },
    ]);
  });

  it('should list every bad key at once, with its source', () => {
    const error = configError(() =>
      resolveConfig(
        { url: 'postgres://h/db', port: 0, pool: { idleMs: -1 }, ssl: { mode: 'prefer' as never } },
        {
          env: { DB_CONNECT_RETRY_MAX_ATTEMPTS: '0', DB_LOG_LEVEL: 'loud', DB_LOG_QUERIES: 'maybe' },
          file: file({ retry: { deadlineMs: 'soon' }, statementTimeoutMs: 1.5 }),
        },
      ),
    );
    expect(error.issues.map((i) => `${i.key} @ ${i.source}`).sort()).toEqual(
      [
        'port @ explicit options',
        'pool.idleMs @ explicit options',
        'ssl.mode @ explicit options',
        'DB_CONNECT_RETRY_MAX_ATTEMPTS @ environment',
        'DB_LOG_LEVEL @ environment',
        'DB_LOG_QUERIES @ environment',
        'retry.deadlineMs @ /app/dalkit.config.ts',
        'statementTimeoutMs @ /app/dalkit.config.ts',
      ].sort(),
    );
    expect(error.message).toContain(
      'ssl.mode must be one of disable, require, verify-ca, verify-full (got "prefer"',
    );
    expect(error.message).toContain(
      'DB_LOG_LEVEL must be one of silent, error, warn, info, debug (got "loud"',
    );
  });

  it('should reject unknown keys, nested ones included', () => {
    const error = configError(() =>
      resolveConfig({ url: 'postgres://h/db', poool: 1, pool: { maxx: 3 } } as never, { env: false }),
    );
    expect(error.issues.map((i) => i.key).sort()).toEqual(['pool.maxx', 'poool']);
    expect(error.issues[0]?.expected).toMatch(/^a known option/);
  });

  it('should reject a URL it cannot read, and an unsupported query parameter', () => {
    expect(configError(() => resolveConfig({ url: 'redis://h' }, { env: false })).message).toContain(
      'url must be a connection URL',
    );
    expect(configError(() => resolveConfig({}, { env: { DATABASE_URL: 'not a url' } })).issues[0]?.key).toBe(
      'DATABASE_URL',
    );
    const param = configError(() => resolveConfig({ url: 'postgres://h/db?sslmod=require' }, { env: false }));
    expect(param.issues[0]).toMatchObject({ key: 'url (sslmod)', source: 'explicit options' });
    const mode = configError(() => resolveConfig({ url: 'postgres://h/db?sslmode=prefer' }, { env: false }));
    expect(mode.issues[0]).toMatchObject({ key: 'url (sslmode)', received: '"prefer"' });
  });

  it('should say how to configure a target when none is given', () => {
    const error = configError(() => resolveConfig({}, { env: {} }));
    expect(error.message).toContain('url must be set: pass `url`, set DATABASE_URL or DB_HOST');
  });

  it('should refuse a server host and the embedded database from the same source', () => {
    const error = configError(() =>
      resolveConfig({}, { env: { DATABASE_URL: 'pglite://memory', DB_HOST: 'h' } }),
    );
    expect(error.issues[0]).toMatchObject({ key: 'DB_HOST', source: 'environment' });
  });

  it('should never show a password, in a URL or as a value', () => {
    const error = configError(() =>
      resolveConfig(
        { url: 'postgres://app:Hunter2Secret@h/db?bogus=1', password: 42 as never },
        { env: { DATABASE_URL: 'redis://x:EnvSecret9@h' } },
      ),
    );
    expect(error.message).not.toContain('Hunter2Secret');
    expect(error.message).not.toContain('EnvSecret9');
    expect(JSON.stringify(error.details)).not.toContain('EnvSecret9');
    expect(error.message).toContain('password must be a string (got *** from explicit options)');
  });

  const integerVariables = Object.entries(ENV_VARIABLES)
    .filter(([, spec]) => spec.kind === 'int')
    .map(([name]) => name);

  it.each(integerVariables)('should reject a non-integer %s, naming it and the environment', (name) => {
    const error = configError(() => resolveConfig({}, { env: { DB_HOST: 'h', [name]: '12x' } }));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ key: name, source: 'environment', received: '"12x"' });
    expect(error.message).toMatch(new RegExp(`${name} must be (an integer|one of)`));
  });

  it.each(
    integerVariables.filter(
      (name) =>
        name !== 'DB_POOL_MIN' &&
        name !== 'DB_CONNECT_RETRY_INITIAL_DELAY_MS' &&
        name !== 'DB_CONNECT_RETRY_MAX_DELAY_MS' &&
        name !== 'DB_SLOW_QUERY_MS',
    ),
  )('should reject a zero or negative %s', (name) => {
    const error = configError(() =>
      resolveConfig({}, { env: { DB_HOST: 'h', DB_POOL_MIN: '0', [name]: '-1' } }),
    );
    expect(error.issues.map((i) => i.key)).toEqual([name]);
  });

  it('should name the source of a CA file that cannot be read, only when TLS is on', () => {
    const error = configError(() =>
      resolveConfig(
        {},
        { env: { DB_HOST: 'h', DB_SSL_MODE: 'verify-full', DB_SSL_CA: '/nonexistent/ca.pem' } },
      ),
    );
    expect(error.message).toContain(
      'DB_SSL_CA must be a readable path to a PEM file with the CA certificate(s) (got "/nonexistent/ca.pem" from environment)',
    );
    expect(resolveConfig({}, { env: { DB_HOST: 'h', DB_SSL_CA: '/nonexistent/ca.pem' } }).ssl.mode).toBe(
      'disable',
    );
  });
});
