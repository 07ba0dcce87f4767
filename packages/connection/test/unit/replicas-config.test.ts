import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { ConfigError } from '../../src/errors/errors.js';

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('read replicas in the configuration', () => {
  it('should read replica URLs from options or DB_READ_REPLICA_URLS, hiding their passwords', () => {
    const config = resolveConfig(
      {},
      {
        env: {
          DATABASE_URL: 'postgres://app:pw@primary/shop',
          DB_READ_REPLICA_URLS: 'postgres://reader:Sec-ret@replica-1:5433/shop, postgres://replica-2',
        },
      },
    );
    expect(config.replicas).toEqual([
      { host: 'replica-1', port: 5433, database: 'shop', username: 'reader' },
      { host: 'replica-2' },
    ]);
    expect(config.replicas?.[0]?.password).toBe('Sec-ret');
    expect(JSON.stringify(config)).not.toContain('Sec-ret');
    const explicit = resolveConfig({ url: 'mysql://h/db', replicas: ['mysql://r/db'] }, { env: false });
    expect(explicit.replicas).toEqual([{ host: 'r', database: 'db' }]);
  });

  it('should name each bad replica URL with its index and source, password masked', () => {
    const issues = issuesOf(() =>
      resolveConfig(
        { url: 'postgres://h/db', replicas: ['mysql://u:Hidden1@r/db', 'nonsense', 'postgres://ok/db'] },
        { env: false },
      ),
    );
    expect(issues).toEqual([
      {
        key: 'replicas[0]',
        source: 'explicit options',
        expected: "a postgres connection URL (replicas use the primary's dialect)",
        received: '"mysql://u:***@r/db"',
      },
      expect.objectContaining({ key: 'replicas[1]', source: 'explicit options' }),
    ]);
  });

  it('should refuse replicas for the embedded database', () => {
    const issues = issuesOf(() =>
      resolveConfig({ url: 'pglite://memory', replicas: ['postgres://r/db'] }, { env: false }),
    );
    expect(issues[0]).toMatchObject({
      key: 'replicas',
      expected: 'empty: the embedded database has no replicas',
    });
  });

  it('should mask credentials of a replica list given in the wrong shape', () => {
    const issues = issuesOf(() =>
      resolveConfig({ url: 'postgres://h/db', replicas: 'postgres://u:Leak9@r/db' as never }, { env: false }),
    );
    expect(issues[0]).toMatchObject({
      key: 'replicas',
      expected: 'a list of connection URLs of read replicas',
    });
    expect(JSON.stringify(issues)).not.toContain('Leak9');
  });
});
