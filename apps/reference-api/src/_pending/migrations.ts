/**
 * PENDING: stands in for `createMigrator` of @dalkit/migrations (issue 7) until it lands:
 * each migration and its history row commit in one transaction, under an advisory lock.
 */
import { createHash } from 'node:crypto';
import type { Sequelize, Transaction } from 'sequelize';
import type { MigrationParams } from '../db/migration-helpers.js';

/** One migration of an in-memory list. */
export interface MigrationDefinition {
  name: string;
  up(params: MigrationParams): Promise<void>;
  down(params: MigrationParams): Promise<void>;
}

/** The pending migrator. */
export interface Migrator {
  /** Names not applied yet, in order. */
  pending(): Promise<string[]>;
  /** Applies every pending migration; returns the names applied. */
  up(): Promise<string[]>;
}

const HISTORY = 'dalkit_migrations';

/** A migrator over an in-memory list. */
export function createMigrator(options: {
  sequelize: Sequelize;
  migrations: readonly MigrationDefinition[];
}): Migrator {
  const { sequelize, migrations } = options;
  const ensureHistory = () =>
    sequelize.query(
      `CREATE TABLE IF NOT EXISTS ${HISTORY} (name VARCHAR(255) PRIMARY KEY, checksum CHAR(64) NOT NULL,
       applied_at TIMESTAMP NOT NULL, execution_ms INTEGER NOT NULL, applied_by VARCHAR(255))`,
    );
  const applied = async (transaction?: Transaction) => {
    const [rows] = await sequelize.query(`SELECT name FROM ${HISTORY}`, transaction ? { transaction } : {});
    return new Set((rows as { name: string }[]).map((r) => r.name));
  };
  return {
    async pending() {
      const [rows] = await sequelize.query(
        `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = '${HISTORY}'`,
      );
      if (Number((rows as { n: number | string }[])[0]?.n ?? 0) === 0) return migrations.map((m) => m.name);
      const done = await applied();
      return migrations.filter((m) => !done.has(m.name)).map((m) => m.name);
    },
    async up() {
      await ensureHistory();
      const ran: string[] = [];
      for (const migration of migrations) {
        await sequelize.transaction(async (transaction) => {
          if (sequelize.getDialect() === 'postgres') {
            await sequelize.query('SELECT pg_advisory_xact_lock(7262021)', { transaction });
          }
          if ((await applied(transaction)).has(migration.name)) return;
          const start = performance.now();
          await migration.up({
            context: { queryInterface: sequelize.getQueryInterface(), sequelize, transaction },
          });
          const checksum = createHash('sha256').update(migration.up.toString()).digest('hex');
          await sequelize.query(
            `INSERT INTO ${HISTORY} (name, checksum, applied_at, execution_ms, applied_by) VALUES ($1, $2, $3, $4, $5)`,
            {
              bind: [
                migration.name,
                checksum,
                new Date(),
                Math.round(performance.now() - start),
                'reference-api',
              ],
              transaction,
            },
          );
          ran.push(migration.name);
        });
      }
      return ran;
    },
  };
}
