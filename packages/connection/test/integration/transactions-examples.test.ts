import { readFileSync } from 'node:fs';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { describe, expect, it } from 'vitest';
import { transfers } from '../../examples/transactions.js';
import { jobQueue } from '../../examples/transactions-locks.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

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

describe('README Transactions section', () => {
  it('should show only code that the tested examples contain', () => {
    const readme = read('../../README.md');
    const section = readme.slice(
      readme.indexOf('## Transactions'),
      readme.indexOf('\n## ', readme.indexOf('## Transactions') + 1),
    );
    const examples = ['../../examples/transactions.ts', '../../examples/transactions-locks.ts']
      .map(read)
      .join('\n');
    const exampleLines = new Set(examples.split('\n').map((line) => line.trim()));
    const shown = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].flatMap((block) =>
      (block[1] ?? '').split('\n'),
    );
    expect(shown.length).toBeGreaterThan(20);
    expect(shown.map((line) => line.trim()).filter((line) => line && !exampleLines.has(line))).toEqual([]);
  });
});
