import { isDalkitError, type ValidationError } from '@dalkit/connection';
import { describe, expect, it } from 'vitest';
import { validateSeed } from '../../src/validate-seed.js';

function issues(raw: unknown): string[] {
  try {
    validateSeed(raw, 'seeds/x.ts');
    return [];
  } catch (error) {
    expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
    return (error as ValidationError).issues.map((i) => i.path);
  }
}

describe('validateSeed', () => {
  it('should accept a complete seed', () => {
    expect(issues({ name: 'users', environments: ['*'], run: async () => {} })).toEqual([]);
  });

  it('should list every bad field, prefixed by the file', () => {
    expect(
      issues({
        name: 'bad name!',
        environments: ['staging'],
        dependsOn: 'users',
        runOnChange: 'yes',
        tables: [1],
      }),
    ).toEqual([
      'seeds/x.ts: name',
      'seeds/x.ts: environments',
      'seeds/x.ts: run',
      'seeds/x.ts: dependsOn',
      'seeds/x.ts: tables',
      'seeds/x.ts: runOnChange',
    ]);
    expect(issues(null)).toEqual(['seeds/x.ts']);
    expect(issues({ name: 'x', environments: [], run: () => {} })).toEqual(['seeds/x.ts: environments']);
  });
});
