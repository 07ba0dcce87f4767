import { readFile } from 'node:fs/promises';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { describe, expect, it } from 'vitest';
import { migrateOnStartup } from '../examples/inline-migrations.js';
import { walkthrough } from '../examples/walkthrough.js';
import { connect, migrationsDir, removeDir } from './helpers/database.js';

describe('README', () => {
  it('should show every example exactly as it is run', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    for (const file of ['walkthrough.ts', 'inline-migrations.ts']) {
      const source = await readFile(new URL(`../examples/${file}`, import.meta.url), 'utf8');
      expect(readme, file).toContain(source.trim());
    }
  });
});

describeEachTarget('examples', (suite) => {
  it('should run the walkthrough', async () => {
    const dir = await migrationsDir();
    try {
      const log = await walkthrough(suite.database.url, dir);
      expect(log[0]).toMatch(/^dry run: \d+ statement\(s\) for \d{14}_create_orders$/);
      expect(log[1]).toMatch(/^applied \d{14}_create_orders in \d+ ms$/);
      expect(log.slice(2)).toEqual([
        'status: 1 applied, 0 pending',
        expect.stringMatching(/^reverted \d{14}_create_orders$/),
        'pending again: true',
      ]);
    } finally {
      await removeDir(dir);
    }
  });

  it('should run bundled migrations on start-up once', async () => {
    const sequelize = connect(suite.database);
    try {
      expect(await migrateOnStartup(sequelize)).toEqual(['20260101000000_create_customers']);
      expect(await migrateOnStartup(sequelize)).toEqual([]);
    } finally {
      await sequelize.close();
    }
  });
});
