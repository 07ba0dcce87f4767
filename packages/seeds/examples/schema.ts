import type { Database } from '@dalkit/connection';

/** The tables the example seeds fill (in a real project, migrations create them). */
export async function createExampleTables(db: Database): Promise<void> {
  await db.query(
    'CREATE TABLE IF NOT EXISTS countries (code VARCHAR(2) PRIMARY KEY, name VARCHAR(100) NOT NULL)',
  );
  await db.query(
    'CREATE TABLE IF NOT EXISTS users (email VARCHAR(200) PRIMARY KEY, country_code VARCHAR(2) NOT NULL REFERENCES countries (code))',
  );
  await db.query(
    'CREATE TABLE IF NOT EXISTS orders (id SERIAL PRIMARY KEY, user_email VARCHAR(200) NOT NULL REFERENCES users (email), total_cents INTEGER NOT NULL)',
  );
}
