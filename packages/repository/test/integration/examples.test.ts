import { describeEachTarget } from '@dalkit/testing/vitest';
import { expect, it } from 'vitest';
import { main } from '../../examples/orders-api.js';

describeEachTarget('README examples', (suite) => {
  it('should run examples/orders-api.ts', async () => {
    expect(await main(suite.database.url)).toEqual([
      'page 1: 120, 110, 90 of 6, hasNext=true',
      'keyset: 120, 110, 90, 80 | 60, 50, 30, 20',
      'by status: new=4/220 paid=8/560',
      'paid by ann: 8',
      'looked up: 10, 20, none',
      'marked paid: 4',
      'refused: Validation failed: filter.total.gte must be an integer',
    ]);
  });
});
