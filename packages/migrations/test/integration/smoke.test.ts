import { describeEachTarget } from '@dalkit/testing/vitest';
import type { Sequelize } from 'sequelize';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMigrator } from '../../src/index.js';
import { connect, migrationsDir } from '../helpers/database.js';
import { addColumnCjs, addIndexMjs, createTableTs } from '../helpers/migration-sources.js';

describeEachTarget('smoke', (suite) => {
  let sequelize: Sequelize;
  beforeAll(() => {
    sequelize = connect(suite.database);
  });
  afterAll(() => sequelize.close());

  it('should run up and down', async () => {
    const dir = await migrationsDir({
      '20260101000000_create_books.ts': createTableTs('books'),
      '20260101000100_index_books.mjs': addIndexMjs('books'),
      '20260101000200_add_isbn.cjs': addColumnCjs('books', 'isbn'),
    });
    const migrator = createMigrator({ sequelize, migrations: dir });
    const up = await migrator.up();
    console.log(up);
    console.log(await migrator.status());
    const down = await migrator.down({ to: 0 });
    console.log(down);
    expect(down.migrations).toHaveLength(3);
  });
});
