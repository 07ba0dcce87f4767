import { randomBytes } from 'node:crypto';

/** A database name that no other test file or run will pick: `dalkit_test_<pid>_<random>`. */
export function uniqueDatabaseName(prefix = 'dalkit_test'): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}
