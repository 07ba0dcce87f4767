import type { Database } from '@dalkit/connection';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { conventions } from '../examples/conventions.js';
import { encryption } from '../examples/encryption.js';
import { registerAndAudit } from '../examples/register-and-audit.js';
import { softDeleteAndLocking } from '../examples/soft-delete-and-locking.js';
import { validation } from '../examples/validation.js';
import { openDatabase } from './support/open-database.js';

describeEachTarget('README examples', (suite) => {
  let db: Database;
  beforeAll(() => {
    db = openDatabase(suite);
  });
  afterAll(() => db.close());

  it('should register the models and fill the audit columns', async () => {
    expect(await registerAndAudit(db)).toEqual({
      customer: { createdBy: 'user-1', updatedBy: 'user-1' },
      orders: [
        { status: 'paid', createdBy: 'user-2', updatedBy: 'user-2' },
        { status: 'paid', createdBy: 'user-2', updatedBy: 'user-2' },
      ],
    });
  });

  it('should report the failing fields and list the declared constraints', async () => {
    expect(await validation()).toEqual({
      issues: [{ path: 'sku', rule: 'pattern', message: 'sku must match /^[A-Z]{3}-\\d{3}$/' }],
      orderConstraints: [
        'primary_key id',
        'not_null customer_id',
        'foreign_key customer_id',
        'not_null status',
        'not_null version',
        'check orders_total_non_negative',
      ],
    });
  });

  it('should soft delete, restore and refuse a stale write', async () => {
    expect(await softDeleteAndLocking()).toEqual({
      hiddenAfterDelete: true,
      restored: true,
      conflict: 'STALE_VERSION',
    });
  });

  it('should encrypt, look up by blind index and rotate keys', async () => {
    expect(await encryption(db)).toEqual({
      storedPrefix: 'dk1:2026-01',
      appReads: 'Grace@Example.com',
      reencrypted: 3,
      storedPrefixAfterRotation: 'dk1:2026-07',
    });
  });

  it('should find no convention violations in the example models', () => {
    expect(conventions(db)).toEqual({ violations: [] });
  });
});
