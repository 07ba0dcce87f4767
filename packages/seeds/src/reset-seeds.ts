import { inTransaction } from './_internal/in-transaction.js';
import type { SeederCore } from './create-seeder.js';
import { assertNotProtected, emptyTables, type SeededTable } from './empty-tables.js';
import { assertNotProduction, assertSameEnvironment } from './guards.js';
import { lastSeededEnvironment } from './history/last-environment.js';
import { withDependencies, withDependents } from './seed-graph.js';
import { seedsFor } from './seed-selection.js';
import type { ResetSeedsOptions, ResetSeedsResult } from './seeder-types.js';

/**
 * `reset`: refuses in production (unless forced) and when the database was last seeded
 * under another environment; empties, in one transaction and in reverse dependency order,
 * the tables of the seeds that ran (all, or `only` and their dependents), forgets their
 * history, then seeds again.
 */
export async function resetSeeds(core: SeederCore, options: ResetSeedsOptions): Promise<ResetSeedsResult> {
  const { db, history, environment, logger } = core.runEnvironment;
  assertNotProduction('reset seeds', environment, options.forceProduction === true || core.forceProduction);
  const all = await core.loadAll();
  const applicable = seedsFor(all, environment);
  const entries = await history.listIfExists();
  assertSameEnvironment(
    'reset seeds',
    environment,
    lastSeededEnvironment(entries),
    options.forceEnvironment === true,
  );

  const only = options.only && options.only.length > 0 ? options.only : undefined;
  if (only) withDependencies(applicable, only);
  const scope = only ? withDependents(all, only) : undefined;
  const ran = new Map(entries.filter((e) => !scope || scope.has(e.name)).map((e) => [e.name, e]));
  const known = new Set(all.map((s) => s.name));
  const order = [...[...ran.keys()].filter((n) => !known.has(n)), ...all.map((s) => s.name).reverse()];
  const seeded: SeededTable[] = [];
  const warnings: string[] = [];
  for (const name of order.filter((n) => ran.has(n))) {
    const declared = all.find((s) => s.name === name)?.tables ?? [];
    const tables = [...new Set([...declared, ...(ran.get(name)?.tables ?? [])])];
    if (tables.length === 0)
      warnings.push(
        `Seed "${name}" declares no tables and wrote none through the ctx helpers: reset could not empty what it wrote.`,
      );
    for (const table of tables)
      if (!seeded.some((s) => s.table === table)) seeded.push({ table, seed: name });
  }
  assertNotProtected(seeded, core.protectedTables);

  const emptied = seeded.map((s) => s.table);
  await inTransaction(db, async (transaction) => {
    await emptyTables(db.sequelize, emptied, transaction);
    await history.remove([...ran.keys()], transaction);
  });
  for (const warning of warnings) logger.warn({ environment }, warning);
  logger.info(
    { emptied, environment },
    `Emptied ${emptied.length} table(s): ${emptied.join(', ') || 'none'}`,
  );
  const rerun = only ? applicable.filter((s) => scope?.has(s.name)).map((s) => s.name) : undefined;
  const run = await core.run({ only: rerun, forceEnvironment: true });
  return { environment, emptied, warnings, run };
}
