import { fileURLToPath } from 'node:url';
import { describeEachTarget, type TargetSuite } from '@dalkit/testing/vitest';
import { expect, it } from 'vitest';
import { runScript } from '../helpers/run-script.js';

const example = (name: string) => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));

function envFor(suite: TargetSuite): Record<string, string> {
  return {
    DATABASE_URL: suite.database.url,
    ...(suite.database.maxConnections === 1 ? { DB_POOL_MAX: '1', DB_POOL_MIN: '0' } : {}),
  };
}

async function run(suite: TargetSuite, name: string): Promise<string> {
  const result = await runScript(example(name), [], envFor(suite));
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

// The README shows these files; each runs as a user would run it, on its own database.
const targets = { targets: ['embedded', 'postgres'] as const };

describeEachTarget(
  'examples/run-seeds.ts',
  (suite) => {
    it('should seed, do nothing the second time, and report status', async () => {
      expect(await run(suite, 'run-seeds.ts')).toBe(
        [
          'Seeded 3 seeds (development): countries, users, sample-orders.',
          '  countries: 3 rows',
          '  users: 1 rows',
          '  sample-orders: 2000 rows',
          'Nothing to seed: 3 seeds up to date (development).',
          '  countries: ran',
          '  users: ran',
          '  sample-orders: ran',
          '',
        ].join('\n'),
      );
    });
  },
  targets,
);

describeEachTarget(
  'examples/reset-and-guards.ts',
  (suite) => {
    it('should refuse reset in production, then reset when forced', async () => {
      const lines = (await run(suite, 'reset-and-guards.ts')).trim().split('\n');
      expect(lines[0]).toMatch(/^refused: Refusing to reset seeds: the environment is production\./);
      expect(lines[1]).toBe('emptied users, countries; Seeded 2 seeds (production): countries, users.');
    });
  },
  targets,
);

describeEachTarget(
  'examples/bulk-load.ts',
  (suite) => {
    it('should load 50,000 rows', async () => {
      expect(await run(suite, 'bulk-load.ts')).toBe('50000 rows written to events\n');
    });
  },
  targets,
);
