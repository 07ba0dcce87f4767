import { fileURLToPath } from 'node:url';
import { runNode } from '@dalkit/testing';
import { describe, expect, it } from 'vitest';
import { decodeSample } from '../support/decode-sample.js';

const expected = [
  { id: 1, total: 250, note: null, user: { id: 7, email: 'ANN@X.COM' } },
  { id: 2, total: 40, note: 'gift', user: null },
];

describe('rowDecoder', () => {
  it('should build the same nested rows from column texts, parsed arrays and aliased objects', () => {
    expect(decodeSample()).toEqual({ fromText: expected, fromArray: expected, fromObject: expected });
  });

  it('should build the same rows where code generation from strings is disabled', async () => {
    const script = fileURLToPath(new URL('../support/decode-sample.ts', import.meta.url));
    const run = await runNode(['--disallow-code-generation-from-strings', '--import', 'tsx', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ fromText: expected, fromArray: expected, fromObject: expected });
  });
});
