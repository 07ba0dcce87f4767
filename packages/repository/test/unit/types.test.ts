import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const require = createRequire(import.meta.url);

it('should reject filters on undeclared fields and values of the wrong type at compile time', () => {
  const tsc = require.resolve('typescript/bin/tsc');
  const project = fileURLToPath(new URL('../types/tsconfig.json', import.meta.url));
  // Every @ts-expect-error in test/types must be used: an unused one fails this compile.
  expect(() =>
    execFileSync(process.execPath, [tsc, '--noEmit', '-p', project], { encoding: 'utf8' }),
  ).not.toThrow();
}, 120_000);
