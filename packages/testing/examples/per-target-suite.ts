// A suite that runs once per available database: the embedded PostgreSQL always, the
// PostgreSQL server and MariaDB when DALKIT_TEST_PG_URL / DALKIT_TEST_MARIADB_URL are set.
import { describeEachTarget } from '@dalkit/testing/vitest';
import { Sequelize } from 'sequelize';
import { afterAll, beforeAll, expect, it } from 'vitest';

describeEachTarget('a table round trip', (suite) => {
  let sequelize: Sequelize;

  beforeAll(() => {
    const { url, dialect, maxConnections } = suite.database;
    sequelize = new Sequelize(url, { dialect, logging: false, pool: { max: Math.min(maxConnections, 5) } });
  });
  afterAll(() => sequelize.close());

  it('should store and read back a row', async () => {
    await sequelize.query('CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100))');
    await sequelize.query('INSERT INTO notes (id, body) VALUES ($1, $2)', { bind: [1, 'hello'] });
    const [rows] = await sequelize.query('SELECT body FROM notes WHERE id = $1', { bind: [1] });
    expect(rows).toEqual([{ body: 'hello' }]);
  });
});
