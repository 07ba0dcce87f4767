import { defineDalkitVitest } from '@dalkit/vitest-config';

// The migrate tests run the CLI from source, so they need no build: this config lets them run
// alone (`vitest run --config test/migrate-support/vitest.config.ts test/migrate.test.ts`).
export default defineDalkitVitest({ root: new URL('../..', import.meta.url).pathname });
