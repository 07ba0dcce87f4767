// Reset empties the seeded tables and seeds again; production needs an explicit force.
import { createDatabase, isDalkitError } from '@dalkit/connection';
import { createSeeder } from '@dalkit/seeds';
import { createExampleTables } from './schema.js';

const db = createDatabase({
  url: process.env.DATABASE_URL ?? 'pglite://memory',
  logging: { level: 'silent' },
});
const seeds = new URL('./seeds', import.meta.url).pathname;
try {
  await createExampleTables(db);
  await createSeeder({ db, seeds, environment: 'production' }).run();

  try {
    await createSeeder({ db, seeds, environment: 'production' }).reset();
  } catch (error) {
    if (!isDalkitError(error, 'OPERATION_REFUSED')) throw error;
    console.log(`refused: ${error.message}`);
  }

  const reset = await createSeeder({ db, seeds, environment: 'production' }).reset({ forceProduction: true });
  console.log(`emptied ${reset.emptied.join(', ')}; ${reset.run.message}`);
} finally {
  await db.close();
}
