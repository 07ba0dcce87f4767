import { describeEachTarget } from '@dalkit/testing/vitest';
import { expect, it } from 'vitest';
import { transfers } from '../../examples/transactions.js';
import { jobQueue } from '../../examples/transactions-locks.js';

describeEachTarget('README transaction examples', (suite) => {
  it('transactions.ts', async () => {
    expect(await transfers(suite.database.url)).toEqual([
      'refused: bob cannot pay 500',
      'alice: 70, bob: 30',
      'total: 100',
      'audit rows: 1',
    ]);
  });

  it('transactions-locks.ts', async () => {
    expect(await jobQueue(suite.database.url)).toEqual([
      'claimed: 1, 2',
      'running: 2',
      'second commit: TRANSACTION_STATE',
      'done: 2',
    ]);
  });
});
