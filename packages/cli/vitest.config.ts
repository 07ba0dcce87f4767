import { defineDalkitVitest } from '@dalkit/vitest-config';

// The integration tests drive the built `dalkit` binary, so the package and its workspace
// dependencies are built once before any test file runs.
export default defineDalkitVitest({
  test: { globalSetup: ['test/helpers/build-once.ts'], hookTimeout: 120_000 },
});
