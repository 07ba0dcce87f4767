import { describeEachTarget } from '@dalkit/testing/vitest';
import { expect, it } from 'vitest';
import { loadEvents } from '../../examples/bulk-insert.js';

describeEachTarget('README example bulk-insert.ts', (suite) => {
  it('should load 10,000 rows in chunks of 5,000 and report each', async () => {
    expect(await loadEvents(suite.database.url)).toEqual([
      'sent 5000',
      'sent 10000',
      '10000 rows written',
      'clicks: 2500',
    ]);
  });
});
