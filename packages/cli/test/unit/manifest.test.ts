import { describe, expect, it } from 'vitest';
import { quoteIdentifier } from '../../src/_internal/quote-identifier.js';
import { scanGlobalFlags } from '../../src/_internal/scan-global-flags.js';
import { parseManifest } from '../../src/backup/manifest.js';

const VALID = {
  format: 'dalkit-backup',
  formatVersion: 1,
  dalkitVersion: '0.1.0',
  engine: 'postgres',
  dialect: 'postgres',
  serverVersion: '15.20',
  database: 'shop',
  environment: 'development',
  createdAt: '2026-01-01T00:00:00.000Z',
  migrationHead: null,
  tables: { 'public.users': 3 },
  dump: { file: 'dump.pgcustom', tool: 'pg_dump 15.20', bytes: 10, sha256: 'ab' },
};

describe('parseManifest', () => {
  it('should accept a valid manifest', () => {
    expect(parseManifest(JSON.stringify(VALID), 'm.json')).toEqual(VALID);
  });

  it('should list every problem of a bad manifest', () => {
    const bad = {
      ...VALID,
      formatVersion: 9,
      engine: 'oracle',
      tables: { t: 1.5 },
      dump: { file: '../etc/passwd', sha256: 'x' },
    };
    expect(() => parseManifest(JSON.stringify(bad), 'm.json')).toThrow(
      /formatVersion 9 is not supported.*engine must be.*tables must map.*dump must name a file/,
    );
  });

  it('should reject text that is not JSON', () => {
    expect(() => parseManifest('{', 'm.json')).toThrow('m.json is not valid JSON');
  });
});

describe('quoteIdentifier', () => {
  it('should double the quote character of each dialect', () => {
    expect(quoteIdentifier('Odd "Name"', 'postgres')).toBe('"Odd ""Name"""');
    expect(quoteIdentifier('we`ird', 'mariadb')).toBe('`we``ird`');
  });

  it('should refuse control characters and empty names', () => {
    expect(() => quoteIdentifier('a\u0000b', 'postgres')).toThrow('Refusing the identifier');
    expect(() => quoteIdentifier('', 'postgres')).toThrow('Refusing the identifier');
  });
});

describe('scanGlobalFlags', () => {
  it('should read the output flags before commander parses, up to --', () => {
    expect(scanGlobalFlags(['db', 'check', '--json', '-q'])).toMatchObject({
      json: true,
      quiet: true,
      verbose: false,
      color: true,
    });
    expect(scanGlobalFlags(['--no-color', '--', '--json'])).toMatchObject({ json: false, color: false });
  });
});
