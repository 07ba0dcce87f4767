import { fileURLToPath } from 'node:url';
import { defineDalkitVitest } from '@dalkit/vitest-config';

// @dalkit/testing depends on this package, so it cannot be a devDependency here (turbo refuses
// the cycle). Our own suites still use the very helper our users get, from its source.
export default defineDalkitVitest({
  resolve: {
    alias: { '@dalkit/testing': fileURLToPath(new URL('../testing/src/index.ts', import.meta.url)) },
  },
});
