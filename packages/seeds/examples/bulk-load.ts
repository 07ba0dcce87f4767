// Load 50,000 generated rows outside any seed, with a progress bar on a terminal (log lines otherwise).
import { createDatabase } from '@dalkit/connection';
import { bulkWrite, createProgress } from '@dalkit/seeds';

const db = createDatabase({
  url: process.env.DATABASE_URL ?? 'pglite://memory',
  logging: { level: 'silent' },
});
try {
  await db.query(
    'CREATE TABLE IF NOT EXISTS events (id SERIAL PRIMARY KEY, kind TEXT NOT NULL, at TIMESTAMPTZ NOT NULL)',
  );
  async function* events() {
    for (let i = 0; i < 50_000; i++)
      yield { kind: i % 2 ? 'click' : 'view', at: new Date(Date.UTC(2024, 0, 1) + i * 1000) };
  }
  const result = await db.transaction((transaction) =>
    bulkWrite(db.sequelize, 'events', events(), {
      total: 50_000,
      transaction,
      progress: createProgress({ logger: db.logger }),
    }),
  );
  console.log(`${result.rowsAffected} rows written to ${result.table}`);
} finally {
  await db.close();
}
