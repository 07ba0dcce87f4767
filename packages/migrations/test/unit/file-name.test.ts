import { describe, expect, it } from 'vitest';
import { parseMigrationEntry } from '../../src/file-name.js';
import { assertMigrationSlug, formatTimestamp, isMigrationName } from '../../src/index.js';

describe('migration names', () => {
  it('should accept timestamped lowercase names and reject the rest', () => {
    expect(isMigrationName('20260101120000_create_users')).toBe(true);
    expect(isMigrationName('20260101120000_add_2fa')).toBe(true);
    for (const bad of [
      '2026_create',
      '20260101120000-create',
      '20260101120000_Create',
      '20260101120000_a__b',
      '20260101120000_',
    ]) {
      expect(isMigrationName(bad), bad).toBe(false);
    }
  });

  it('should reject a bad slug with a VALIDATION_FAILED error naming the field', () => {
    expect(() => assertMigrationSlug('Create Users')).toThrow(
      /name must be lowercase words joined by underscores/,
    );
    expect(() => assertMigrationSlug('create_users')).not.toThrow();
  });

  it('should format UTC timestamps', () => {
    expect(formatTimestamp(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('20260102030405');
  });

  it('should skip helpers and type declarations and keep SQL folders', () => {
    expect(parseMigrationEntry('_shared.ts', false)).toBeUndefined();
    expect(parseMigrationEntry('types.d.ts', false)).toBeUndefined();
    expect(parseMigrationEntry('README.md', false)).toBeUndefined();
    expect(parseMigrationEntry('20260101000000_a.cjs', false)).toEqual({
      name: '20260101000000_a',
      kind: 'cjs',
    });
    expect(parseMigrationEntry('20260101000000_a', true)).toEqual({ name: '20260101000000_a', kind: 'sql' });
  });
});
