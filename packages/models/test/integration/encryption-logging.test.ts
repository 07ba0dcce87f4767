import { createDatabase, type Database, type Logger } from '@dalkit/connection';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { blindIndexWhere, reencrypt, registerModels } from '../../src/index.js';
import { BLIND, KEY_1, KEY_2, Patient, RING_1, RING_2 } from '../support/encryption-models.js';

function capturingLogger(lines: string[]): Logger {
  const log = (objOrMsg: unknown, msg?: unknown) => {
    lines.push(JSON.stringify(objOrMsg), String(msg ?? ''));
  };
  return { debug: log, info: log, warn: log, error: log };
}

function keyForms(base64: string): string[] {
  const bytes = Buffer.from(base64, 'base64');
  return [base64, bytes.toString('hex'), bytes.toString('base64url')];
}

describeEachTarget('encrypted columns and query logs', (suite) => {
  const lines: string[] = [];
  let db: Database;
  beforeAll(async () => {
    db = createDatabase(
      {
        url: suite.database.url,
        pool: { max: 1, min: 0 },
        logging: { level: 'debug', logQueries: true, logParameters: true },
      },
      { logger: capturingLogger(lines), env: false },
    );
    registerModels(db, [Patient], { encryption: RING_1 });
    await db.sequelize.sync({ force: true });
  });
  afterAll(() => db.close());

  it('should log neither keys nor plaintext, even with query parameters logged', async () => {
    await Patient.create({ name: 'Ada', email: 'secret-ada@example.com', diagnosis: 'secret-diagnosis' });
    await Patient.bulkCreate([{ name: 'Bob', email: 'secret-bob@example.com' }]);
    await Patient.update({ diagnosis: 'secret-update' }, { where: { name: 'Bob' } });
    await Patient.findOne({ where: blindIndexWhere(Patient, 'email', 'secret-ada@example.com') });
    registerModels(db, [Patient], { encryption: RING_2 });
    await reencrypt(Patient);
    const log = lines.join('\n');
    expect(log).toContain('dk1:k1:');
    expect(log).toContain('dk1:k2:');
    for (const secret of [...keyForms(KEY_1), ...keyForms(KEY_2), ...keyForms(BLIND), 'secret-']) {
      expect(log).not.toContain(secret);
    }
  });
});
