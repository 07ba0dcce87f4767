import { Sequelize } from 'sequelize';
import { describe, expect, it } from 'vitest';
import { createMigrator, MIGRATOR_DEFAULTS, migrationUrlFromEnv } from '../../src/index.js';
import { resolveMigratorOptions, resolveSequelize } from '../../src/migrator-options.js';

describe('migrator options', () => {
  it('should prefer DATABASE_MIGRATION_URL (the owner role) over DATABASE_URL', () => {
    expect(
      migrationUrlFromEnv({
        DATABASE_MIGRATION_URL: 'postgres://owner@db/app',
        DATABASE_URL: 'postgres://app@db/app',
      }),
    ).toBe('postgres://owner@db/app');
    expect(migrationUrlFromEnv({ DATABASE_URL: 'postgres://app@db/app' })).toBe('postgres://app@db/app');
    expect(migrationUrlFromEnv({})).toBeUndefined();
  });

  it('should say how to name a database when none is given', () => {
    expect(() => resolveSequelize({}, {})).toThrow(
      /pass db, sequelize or migrationUrl, or set DATABASE_MIGRATION_URL/,
    );
  });

  it('should fill in the documented defaults and reject bad values with CONFIG_INVALID', () => {
    const resolved = resolveMigratorOptions({});
    expect(resolved).toMatchObject({
      migrations: MIGRATOR_DEFAULTS.migrations,
      lockTimeoutMs: 60_000,
      outOfOrder: 'error',
      tableName: 'dalkit_migrations',
    });
    expect(resolved.appliedBy).toContain('@');
    expect(() => resolveMigratorOptions({ outOfOrder: 'sometimes' as never })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    expect(() => resolveMigratorOptions({ lockTimeoutMs: -1 })).toThrow(/lockTimeoutMs/);
  });

  it('should refuse identifiers it would have to interpolate unless they are plain lowercase names', async () => {
    const sequelize = new Sequelize('postgres://nobody@127.0.0.1:1/none', { logging: false });
    expect(() => createMigrator({ sequelize, tableName: 'migrations; DROP TABLE users' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    const mariadb = new Sequelize('mysql://nobody@127.0.0.1:1/none', { logging: false });
    expect(() => createMigrator({ sequelize: mariadb, appRole: 'app' })).toThrow(
      /GRANT SELECT, INSERT, UPDATE, DELETE/,
    );
    await sequelize.close();
    await mariadb.close();
  });
});
