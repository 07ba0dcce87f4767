import { randomBytes } from 'node:crypto';
import { createDatabase, type Database } from '@dalkit/connection';
import { createMigrator } from '@dalkit/migrations';
import { createTestDatabase } from '@dalkit/testing';
import { describeEachTarget } from '@dalkit/testing/vitest';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/db/migrations.js';
import { prepareDatabase } from '../../src/db/prepare.js';
import { runSeeds } from '../../src/db/seeds.js';
import { verifyPassword } from '../../src/lib/password.js';

const KEYS = {
  encryption: { keys: { k1: randomBytes(32) }, activeKeyId: 'k1' },
  blindIndexKey: randomBytes(32),
};
const logger = pino({ level: 'silent' });

async function seededDatabase(url: string, maxConnections: number): Promise<Database> {
  const db = createDatabase(
    { url, logger },
    { env: { DB_POOL_MAX: String(Math.min(maxConnections, 5)), DB_POOL_MIN: '0' } },
  );
  prepareDatabase(db, KEYS);
  await createMigrator({ db, migrations: MIGRATIONS }).up();
  return db;
}

const snapshot = (db: Database) => db.query('SELECT sku, name, price, stock FROM products ORDER BY sku');

describeEachTarget(
  'development seeds',
  (suite) => {
    let db: Database;
    beforeAll(async () => {
      process.env.ADMIN_PASSWORD = 'a long admin password';
      db = await seededDatabase(suite.database.url, suite.database.maxConnections);
    });
    afterAll(() => db.close());

    it('should load countries, categories, the admin and sample data sized by scale', async () => {
      const result = await runSeeds(db, { environment: 'development', seedScale: 0.5 }, logger);
      expect(result.executed.map((e) => e.name)).toEqual([
        'countries',
        'categories',
        'admin-user',
        'sample-data',
      ]);
      const [counts] = await db.query<Record<string, string>>(
        `SELECT (SELECT count(*) FROM countries) AS countries, (SELECT count(*) FROM categories) AS categories,
                (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM products) AS products,
                (SELECT count(*) FROM product_categories) AS links`,
      );
      expect(Number(counts?.countries)).toBeGreaterThanOrEqual(249);
      expect(counts).toMatchObject({ categories: '11', users: '26', products: '100', links: '100' });
    });

    it('should store the admin password only as a scrypt hash', async () => {
      const [admin] = await db.query<{ password_hash: string; email: string }>(
        "SELECT password_hash, email FROM users WHERE role = 'admin'",
      );
      expect(admin?.password_hash).toMatch(/^scrypt\$/);
      expect(admin?.email).not.toContain('admin@example.com');
      expect(await verifyPassword('a long admin password', admin?.password_hash ?? '')).toBe(true);
    });

    it('should do nothing on a second run', async () => {
      const before = await snapshot(db);
      const again = await runSeeds(db, { environment: 'development', seedScale: 0.5 }, logger);
      expect(again.executed).toEqual([]);
      expect(await snapshot(db)).toEqual(before);
    });

    it('should be deterministic: another database gets the same sample rows', async () => {
      const other = await createTestDatabase({ target: suite.target });
      const otherDb = await seededDatabase(other.url, other.maxConnections);
      try {
        await runSeeds(otherDb, { environment: 'development', seedScale: 0.5 }, logger);
        expect(await snapshot(otherDb)).toEqual(await snapshot(db));
      } finally {
        await otherDb.close();
        await other.drop();
      }
    });

    it('should load no sample data outside development', async () => {
      const other = await createTestDatabase({ target: suite.target });
      const otherDb = await seededDatabase(other.url, other.maxConnections);
      try {
        const result = await runSeeds(otherDb, { environment: 'test', seedScale: 1 }, logger);
        expect(result.executed.map((e) => e.name)).toEqual(['countries', 'categories', 'admin-user']);
        expect(await otherDb.query('SELECT id FROM products')).toEqual([]);
      } finally {
        await otherDb.close();
        await other.drop();
      }
    });
  },
  { targets: ['embedded', 'postgres'] },
);
