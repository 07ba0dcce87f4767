/**
 * PENDING: stands in for the seed runner of @dalkit/seeds (issue 8) until it lands: seeds in
 * dependency order, filtered by environment, each once, each in its own transaction with its
 * history row.
 */
import { createHash } from 'node:crypto';
import { DalkitError, type Logger } from '@dalkit/connection';
import type { Sequelize, Transaction } from 'sequelize';

/** What a seed's `run` receives. */
export interface SeedContext {
  sequelize: Sequelize;
  transaction: Transaction;
  logger: Logger;
  environment: string;
  /** Free-form options of this run (`scale`, …). */
  options: Readonly<Record<string, unknown>>;
}

/** A seed module. */
export interface SeedDefinition {
  name: string;
  environments: readonly string[];
  dependsOn?: readonly string[];
  /** Returns the number of rows written. */
  run(ctx: SeedContext): Promise<number | undefined>;
}

/** Runs the seeds of `environment` that have not run yet. Returns the names run. */
export async function runSeedList(
  sequelize: Sequelize,
  seeds: readonly SeedDefinition[],
  options: { environment: string; logger: Logger; options?: Record<string, unknown> },
): Promise<string[]> {
  await sequelize.query(
    `CREATE TABLE IF NOT EXISTS dalkit_seeds (name VARCHAR(255) PRIMARY KEY, checksum CHAR(64) NOT NULL,
     environment VARCHAR(20) NOT NULL, ran_at TIMESTAMP NOT NULL, rows_affected INTEGER, execution_ms INTEGER NOT NULL)`,
  );
  const [rows] = await sequelize.query('SELECT name FROM dalkit_seeds');
  const done = new Set((rows as { name: string }[]).map((r) => r.name));
  const ran: string[] = [];
  const byName = new Map(seeds.map((s) => [s.name, s]));
  const visit = async (seed: SeedDefinition) => {
    if (done.has(seed.name)) return;
    for (const dep of seed.dependsOn ?? []) {
      const other = byName.get(dep);
      if (!other) throw new DalkitError('SEED_FAILED', `Seed ${seed.name} depends on unknown seed ${dep}`);
      await visit(other);
    }
    if (!seed.environments.includes('*') && !seed.environments.includes(options.environment)) return;
    done.add(seed.name);
    const start = performance.now();
    try {
      await sequelize.transaction(async (transaction) => {
        const count = await seed.run({
          sequelize,
          transaction,
          logger: options.logger,
          environment: options.environment,
          options: options.options ?? {},
        });
        await sequelize.query(
          'INSERT INTO dalkit_seeds (name, checksum, environment, ran_at, rows_affected, execution_ms) VALUES ($1, $2, $3, $4, $5, $6)',
          {
            bind: [
              seed.name,
              createHash('sha256').update(seed.run.toString()).digest('hex'),
              options.environment,
              new Date(),
              count ?? null,
              Math.round(performance.now() - start),
            ],
            transaction,
          },
        );
      });
    } catch (cause) {
      throw new DalkitError('SEED_FAILED', `Seed ${seed.name} failed; nothing of it was written`, { cause });
    }
    options.logger.info(
      { seed: seed.name, ms: Math.round(performance.now() - start) },
      `seeded ${seed.name}`,
    );
    ran.push(seed.name);
  };
  for (const seed of seeds) await visit(seed);
  return ran;
}
