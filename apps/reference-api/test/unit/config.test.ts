import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDalkitError } from '@dalkit/connection';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

const KEYS = {
  ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
};

describe('loadConfig', () => {
  it('should default to development on 127.0.0.1:3000 with the embedded database and seeding', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'refapi-'));
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({
      environment: 'development',
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: undefined,
      migrateOnStart: true,
      seedOnStart: true,
      seedScale: 1,
    });
  });

  it('should keep generated development keys across starts', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'refapi-'));
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(second.blindIndexKey.equals(first.blindIndexKey)).toBe(true);
  });

  it('should report every bad variable at once, naming it, without echoing secrets', () => {
    let error: unknown;
    try {
      loadConfig({
        NODE_ENV: 'staging',
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'ftp://user:hunter2@host/db',
        SEED_ON_START: 'maybe',
        ENCRYPTION_KEYS: 'k1:short',
        BLIND_INDEX_KEY: 'x',
      });
    } catch (e) {
      error = e;
    }
    expect(isDalkitError(error, 'CONFIG_INVALID')).toBe(true);
    const message = (error as Error).message;
    for (const key of [
      'NODE_ENV',
      'PORT',
      'LOG_LEVEL',
      'DATABASE_URL',
      'SEED_ON_START',
      'ENCRYPTION_KEYS',
      'BLIND_INDEX_KEY',
    ]) {
      expect(message).toContain(key);
    }
    expect(message).not.toContain('hunter2');
  });

  it('should require explicit keys in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/app' })).toThrow(
      /ENCRYPTION_KEYS/,
    );
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/app', ...KEYS });
    expect(config.seedOnStart).toBe(false);
    expect(config.encryption.activeKeyId).toBe('k1');
  });
});
