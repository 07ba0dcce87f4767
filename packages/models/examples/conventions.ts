// In your test suite: fail the build when a model breaks the schema conventions.
import type { Database } from '@dalkit/connection';
import { assertConventions, checkConventions } from '@dalkit/models';

export function conventions(db: Database) {
  assertConventions(db); // throws a ValidationError listing every violation and its fix
  return { violations: checkConventions(db) };
}
