// One isolated database for a whole test file, created in beforeAll and dropped in afterAll.
import { createTestDatabase, type TestDatabase } from '@dalkit/testing';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(); // embedded PostgreSQL unless told otherwise
});
afterAll(() => database.drop());

it('should start empty', async () => {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const { rows } = await client.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
  await client.end();
  expect(rows[0].n).toBe(0);
});
