import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { loadDriver } from '../../src/dialects/load-driver.js';
import { sequelizeOptions } from '../../src/dialects/sequelize-options.js';
import { sslOptions } from '../../src/dialects/ssl-options.js';
import { isDalkitError } from '../../src/errors/dalkit-error.js';

describe('loadDriver', () => {
  it('should say which package to install when the driver is missing', () => {
    const missing = () => {
      throw Object.assign(new Error("Cannot find module 'mysql2'"), { code: 'MODULE_NOT_FOUND' });
    };
    let error: unknown;
    try {
      loadDriver('mariadb', missing);
    } catch (e) {
      error = e;
    }
    expect(isDalkitError(error, 'DRIVER_MISSING')).toBe(true);
    expect((error as Error).message).toContain('needs the "mysql2" package');
    expect((error as Error).message).toContain('pnpm add mysql2');
  });

  it('should load the installed drivers', () => {
    expect(loadDriver('postgres')).toHaveProperty('Client');
    expect(loadDriver('mysql')).toHaveProperty('createConnection');
  });
});

describe('sslOptions', () => {
  it('should map each sslmode to TLS options with libpq meanings', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dalkit-ca-'));
    const ca = join(dir, 'ca.pem');
    await writeFile(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(sslOptions({ mode: 'disable' })).toBe(false);
    expect(sslOptions({ mode: 'require' })).toEqual({ rejectUnauthorized: false });
    const verifyCa = sslOptions({ mode: 'verify-ca', ca });
    expect(verifyCa).toMatchObject({
      rejectUnauthorized: true,
      ca: expect.stringContaining('BEGIN CERTIFICATE'),
    });
    // verify-ca: the chain is checked, the host name is not.
    const checkHost = verifyCa ? verifyCa.checkServerIdentity : undefined;
    expect(typeof checkHost).toBe('function');
    expect(checkHost?.('other.host', {} as never)).toBeUndefined();
    const full = sslOptions({ mode: 'verify-full', ca });
    expect(full).toMatchObject({ rejectUnauthorized: true });
    expect(full && 'checkServerIdentity' in full).toBe(false);
  });

  it('should report a CA file it cannot read', () => {
    expect(() => sslOptions({ mode: 'verify-full', ca: '/nonexistent/ca.pem' })).toThrow(
      /ssl\.ca must be a readable PEM file/,
    );
  });
});

describe('sequelizeOptions', () => {
  it('should hand pool, timeouts, TLS and application name to Sequelize and the driver, and turn statement retry off', () => {
    const config = resolveConfig(
      { url: 'postgres://app:pw@h:5433/db?sslmode=require&application_name=api', statementTimeoutMs: 900 },
      { env: { DB_POOL_MAX: '7', DB_POOL_ACQUIRE_TIMEOUT_MS: '1234', DB_CONNECT_TIMEOUT_MS: '4321' } },
    );
    const validate = () => true;
    const options = sequelizeOptions(config, { validate });
    expect(options).toMatchObject({
      dialect: 'postgres',
      host: 'h',
      port: 5433,
      database: 'db',
      username: 'app',
      password: 'pw',
      pool: { min: 2, max: 7, acquire: 1234, idle: 10_000, validate },
      dialectOptions: {
        application_name: 'api',
        connectionTimeoutMillis: 4321,
        statement_timeout: 900,
        ssl: { rejectUnauthorized: false },
      },
      retry: { max: 1 },
    });
  });

  it('should use the mysql dialect through mysql2 for mariadb and mysql URLs', () => {
    const options = sequelizeOptions(
      resolveConfig({ url: 'mariadb://root@h/db?sslmode=require' }, { env: false }),
      {
        validate: () => true,
      },
    );
    expect(options).toMatchObject({ dialect: 'mysql', dialectOptions: { connectTimeout: 10_000, ssl: {} } });
  });
});
