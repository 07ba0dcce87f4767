import { fileURLToPath } from 'node:url';
import { defineDalkitVitest } from '@dalkit/vitest-config';

const testingSource = (file: string) => fileURLToPath(new URL(`../testing/src/${file}`, import.meta.url));

// @dalkit/testing depends on this package, so it cannot be a devDependency here (turbo refuses
// the cycle). Our own suites still use the very helper our users get, from its source.
export default defineDalkitVitest({
  resolve: {
    alias: [
      { find: /^@dalkit\/testing\/vitest$/, replacement: testingSource('vitest.ts') },
      { find: /^@dalkit\/testing$/, replacement: testingSource('index.ts') },
    ],
  },
});
