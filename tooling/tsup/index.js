// @ts-check
import { defineConfig } from 'tsup';

/**
 * The dalkit build preset: ESM + CJS + `.d.ts`/`.d.cts`, sourcemaps, Node 20 target.
 * Pass `entry` for extra entry points (a CLI binary, a subpath export).
 * @param {import('tsup').Options} [overrides]
 */
export function defineDalkitTsup(overrides = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    target: 'node20',
    platform: 'node',
    dts: { compilerOptions: { customConditions: [] } },
    sourcemap: true,
    clean: true,
    splitting: false,
    treeshake: true,
    ...overrides,
  });
}
