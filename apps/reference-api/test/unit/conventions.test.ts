import { randomBytes } from 'node:crypto';
import { createDatabase } from '@dalkit/connection';
import { assertConventions, checkConventions } from '@dalkit/models';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../src/db/prepare.js';

// Conventions are read from the model definitions: no connection is opened.
const db = createDatabase({ url: 'postgres://nobody@127.0.0.1:1/none', logger: pino({ level: 'silent' }) });
prepareDatabase(db, {
  encryption: { keys: { k1: randomBytes(32) }, activeKeyId: 'k1' },
  blindIndexKey: randomBytes(32),
});

describe('reference-api models', () => {
  afterAll(() => db.close());

  it('should follow the schema conventions: snake_case plural tables, <singular>_id keys, indexed foreign keys', () => {
    expect(checkConventions(db)).toEqual([]);
    assertConventions(db);
    expect(Object.keys(db.sequelize.models).sort()).toEqual([
      'Category',
      'Country',
      'Order',
      'OrderItem',
      'Product',
      'ProductCategory',
      'Profile',
      'User',
    ]);
  });
});
