// @ts-check
import { defaultServerConditions } from 'vite';
import { defineConfig, mergeConfig } from 'vitest/config';

/**
 * The dalkit test preset. Workspace packages resolve to their `src/` through the
 * `@dalkit/source` export condition, so a test never runs a stale `dist/`. Database suites
 * need time for the embedded PostgreSQL to start, hence the timeouts.
 * @param {import('vitest/config').ViteUserConfig} [overrides]
 */
export function defineDalkitVitest(overrides = {}) {
  const conditions = ['@dalkit/source', ...defaultServerConditions];
  return mergeConfig(
    defineConfig({
      resolve: { conditions },
      ssr: { resolve: { conditions } },
      test: {
        include: ['test/**/*.test.ts', 'test/**/*.test.mts'],
        environment: 'node',
        testTimeout: 30_000,
        hookTimeout: 60_000,
        teardownTimeout: 30_000,
        typecheck: { enabled: false },
        // Under CI each package also writes a JSON report, which .ci/run totals into one line.
        reporters: process.env.CI ? ['default', 'json'] : ['default'],
        outputFile: process.env.CI ? { json: '.test-results/vitest.json' } : undefined,
      },
    }),
    overrides,
  );
}
