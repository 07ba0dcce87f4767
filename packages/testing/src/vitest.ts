import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  type CreateTestDatabaseOptions,
  createTestDatabase,
  type TestDatabase,
} from './create-test-database.js';
import { availableTargets, type TestTarget } from './targets.js';

/** What a suite body gets from {@link describeEachTarget}. */
export interface TargetSuite {
  /** The target this copy of the suite runs on. */
  readonly target: TestTarget;
  /** The suite's database; available from `beforeAll` on. */
  readonly database: TestDatabase;
}

/** Options for {@link describeEachTarget}. */
export interface DescribeEachTargetOptions extends Omit<CreateTestDatabaseOptions, 'target'> {
  /** Only these targets (intersected with the available ones), e.g. `['postgres']` for a server-only suite. */
  targets?: readonly TestTarget[];
}

/**
 * Runs a suite once per available target (embedded always; the servers when their URL is
 * set), each copy with its own fresh database created before and dropped after it.
 * @example
 * describeEachTarget('orders', (suite) => {
 *   it('should insert', async () => { const db = createDatabase({ url: suite.database.url }); … });
 * });
 */
export function describeEachTarget(
  title: string,
  body: (suite: TargetSuite) => void,
  options: DescribeEachTargetOptions = {},
): void {
  const targets = availableTargets(options.env).filter(
    (t) => !options.targets || options.targets.includes(t),
  );
  if (targets.length === 0) {
    describe(title, () => {
      it.todo(
        `needs a server target: set ${(options.targets ?? []).join(' or ')} test URL (DALKIT_TEST_PG_URL / DALKIT_TEST_MARIADB_URL)`,
      );
    });
    return;
  }
  describe.each(targets)(`${title} [%s]`, (target) => {
    let database: TestDatabase | undefined;
    const suite: TargetSuite = {
      target,
      get database() {
        if (!database)
          throw new Error(`The ${target} test database is not ready: use it from beforeAll or a test`);
        return database;
      },
    };
    beforeAll(async () => {
      database = await createTestDatabase({ ...options, target });
    });
    afterAll(async () => {
      await database?.drop();
    });
    body(suite);
  });
}
