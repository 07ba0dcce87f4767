import { isDalkitError } from '@dalkit/connection';
import { describe, expect, it } from 'vitest';
import { resolveSeedEnvironment } from '../../src/environment.js';
import { assertNotProduction, assertSameEnvironment, forceProductionFromEnv } from '../../src/guards.js';

describe('resolveSeedEnvironment', () => {
  it('should prefer explicit over DALKIT_ENV over NODE_ENV, defaulting to development', () => {
    expect(resolveSeedEnvironment('prod', { DALKIT_ENV: 'test' })).toBe('production');
    expect(resolveSeedEnvironment(undefined, { DALKIT_ENV: 'test', NODE_ENV: 'production' })).toBe('test');
    expect(resolveSeedEnvironment(undefined, { NODE_ENV: 'dev' })).toBe('development');
    expect(resolveSeedEnvironment(undefined, {})).toBe('development');
  });

  it('should reject an unknown environment, naming where it came from', () => {
    const error = (() => {
      try {
        return resolveSeedEnvironment(undefined, { NODE_ENV: 'staging' });
      } catch (e) {
        return e;
      }
    })();
    expect(isDalkitError(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toContain('NODE_ENV');
  });
});

describe('guards', () => {
  it('should refuse production unless forced', () => {
    expect(() => assertNotProduction('reset seeds', 'production', false)).toThrow(/--force-production/);
    expect(() => assertNotProduction('reset seeds', 'production', true)).not.toThrow();
    expect(() => assertNotProduction('reset seeds', 'development', false)).not.toThrow();
  });

  it('should read DALKIT_FORCE_PRODUCTION', () => {
    expect(forceProductionFromEnv({ DALKIT_FORCE_PRODUCTION: '1' })).toBe(true);
    expect(forceProductionFromEnv({ DALKIT_FORCE_PRODUCTION: 'true' })).toBe(true);
    expect(forceProductionFromEnv({ DALKIT_FORCE_PRODUCTION: '0' })).toBe(false);
    expect(forceProductionFromEnv({})).toBe(false);
  });

  it('should refuse an environment mismatch unless forced or unseeded', () => {
    expect(() => assertSameEnvironment('seed', 'test', 'development', false)).toThrow(
      /last seeded under "development", not "test".*--force-environment/,
    );
    expect(() => assertSameEnvironment('seed', 'test', 'development', true)).not.toThrow();
    expect(() => assertSameEnvironment('seed', 'test', undefined, false)).not.toThrow();
  });
});
