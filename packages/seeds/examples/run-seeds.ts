// Run the seeds of a folder, twice (the second run does nothing), then show their status.
import { createDatabase } from '@dalkit/connection';
import { createSeeder } from '@dalkit/seeds';
import { createExampleTables } from './schema.js';

const db = createDatabase({
  url: process.env.DATABASE_URL ?? 'pglite://memory',
  logging: { level: 'silent' },
});
try {
  await createExampleTables(db);
  const seeder = createSeeder({
    db,
    seeds: new URL('./seeds', import.meta.url).pathname,
    environment: 'development',
    params: { scale: 2 },
  });

  const first = await seeder.run();
  console.log(first.message);
  for (const seed of first.executed) console.log(`  ${seed.name}: ${seed.rowsAffected} rows`);

  const second = await seeder.run();
  console.log(second.message);

  for (const seed of await seeder.status()) console.log(`  ${seed.name}: ${seed.state}`);
} finally {
  await db.close();
}
