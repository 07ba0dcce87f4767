import { describe, expect, it } from 'vitest';
import { createCopyEncoder, escapeCopyText } from '../../src/bulk/copy-text.js';
import { isDalkitError } from '../../src/index.js';

describe('escapeCopyText', () => {
  it('should escape backslash, tab, newline and carriage return and nothing else', () => {
    expect(escapeCopyText('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(escapeCopyText('\\N')).toBe('\\\\N');
    expect(escapeCopyText('\\.')).toBe('\\\\.');
    expect(escapeCopyText('plain "quoted" ✓ 🚀')).toBe('plain "quoted" ✓ 🚀');
  });
});

describe('createCopyEncoder', () => {
  it('should write tab-separated lines with \\N for NULL and an empty field for an empty string', () => {
    const encode = createCopyEncoder(['a', 'b', 'c', 'd'], ['text', 'text', 'integer', 'boolean']);
    expect(encode([['', null, 7, true], { a: 'N', c: -1, d: false }])).toBe('\t\\N\t7\tt\nN\t\\N\t-1\tf\n');
  });

  it('should encode dates as UTC ISO, bytes as bytea hex and objects as JSON', () => {
    const encode = createCopyEncoder(['at', 'blob', 'note'], ['timestamp with time zone', 'bytea', 'text']);
    const at = new Date('2024-03-10T01:30:00-08:00');
    expect(encode([[at, Buffer.from([0, 9, 255]), { say: 'a\tb' }]])).toBe(
      '2024-03-10T09:30:00.000Z\t\\\\x0009ff\t{"say":"a\\\\tb"}\n',
    );
  });

  it('should JSON-encode every json value and write array columns as array literals', () => {
    const encode = createCopyEncoder(['doc', 'tags'], ['jsonb', 'text[]']);
    expect(
      encode([
        ['str', ['x', 'y "z"', null]],
        [{ q: '"' }, null],
      ]),
    ).toBe('"str"\t{"x","y \\\\"z\\\\"",NULL}\n{"q":"\\\\""}\t\\N\n');
  });

  it('should refuse an invalid Date with a ValidationError naming the column', () => {
    const encode = createCopyEncoder(['at'], ['timestamp with time zone']);
    let error: unknown;
    try {
      encode([[new Date('nope')]]);
    } catch (e) {
      error = e;
    }
    expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
    expect((error as Error).message).toContain('rows.at');
  });
});
