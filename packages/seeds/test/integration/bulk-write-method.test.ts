import { isDalkitError } from '@dalkit/connection';
import { describeEachTarget } from '@dalkit/testing/vitest';
import type { Sequelize } from 'sequelize';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bulkWrite } from '../../src/index.js';
import { connect } from '../helpers/connect.js';

describeEachTarget('bulkWrite method option', (suite) => {
  let sequelize: Sequelize;
  const rows = (prefix: string) =>
    Array.from({ length: 3 }, (_, i) => ({ code: `${prefix}${i}`, label: `tab\t${i}\nline \\ "q"` }));

  beforeAll(async () => {
    sequelize = connect(suite.database);
    await sequelize.query('CREATE TABLE codes (code VARCHAR(20) PRIMARY KEY, label TEXT)');
  });
  afterAll(async () => {
    await sequelize.close();
  });

  it('should store the same rows whichever PostgreSQL path is forced, and refuse unnest elsewhere', async () => {
    const auto = await bulkWrite(sequelize, 'codes', rows('auto-'));
    expect(auto).toEqual({ table: 'codes', rowsSent: 3, rowsAffected: 3 });
    const forced = await bulkWrite(sequelize, 'codes', rows('unnest-'), { method: 'unnest' }).catch((e) => e);
    if (suite.database.dialect !== 'postgres') {
      expect(isDalkitError(forced, 'VALIDATION_FAILED')).toBe(true);
      expect(forced.message).toContain('method: unnest needs PostgreSQL');
      return;
    }
    expect(forced.rowsAffected).toBe(3);
    const [stored] = await sequelize.query('SELECT code, label FROM codes ORDER BY code');
    const labels = (stored as { code: string; label: string }[]).map((r) => r.label);
    expect(labels.slice(0, 3)).toEqual(labels.slice(3));
    expect(labels[0]).toBe('tab\t0\nline \\ "q"');
  });
});
