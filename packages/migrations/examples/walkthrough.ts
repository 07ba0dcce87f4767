import { writeFile } from 'node:fs/promises';
import { createMigrator } from '@dalkit/migrations';

/** The README walkthrough: create a migration, dry-run it, apply it, inspect, roll back. */
export async function walkthrough(databaseUrl: string, migrationsDir: string): Promise<string[]> {
  const log: string[] = [];
  const migrator = createMigrator({ migrationUrl: databaseUrl, migrations: migrationsDir });
  try {
    // 1. Write migrations/<UTC timestamp>_create_orders.ts from the template, then fill it in.
    const { name, paths } = await migrator.create('create_orders');
    await writeFile(
      paths[0] as string,
      `import type { MigrationParams } from '@dalkit/migrations';

export async function up({ context: { queryInterface, transaction } }: MigrationParams): Promise<void> {
  await queryInterface.createTable('orders', {
    id: { type: 'INTEGER', primaryKey: true, autoIncrement: true },
    total_cents: { type: 'INTEGER', allowNull: false },
  }, { transaction });
}

export async function down({ context: { queryInterface, transaction } }: MigrationParams): Promise<void> {
  await queryInterface.dropTable('orders', { transaction });
}
`,
    );

    // 2. See the SQL it would run; nothing changes.
    const plan = await migrator.up({ dryRun: true });
    log.push(
      `dry run: ${plan.statements.length} statement(s) for ${plan.migrations.map((m) => m.name).join(', ')}`,
    );

    // 3. Apply everything pending: each migration and its history row commit together.
    const applied = await migrator.up();
    for (const m of applied.migrations) log.push(`applied ${m.name} in ${Math.round(m.durationMs)} ms`);

    // 4. Inspect: applied (with time and duration), pending, missing, changed.
    const status = await migrator.status();
    log.push(`status: ${status.applied.length} applied, ${status.pending.length} pending`);

    // 5. Roll back the last one.
    const reverted = await migrator.down();
    log.push(`reverted ${reverted.migrations.map((m) => m.name).join(', ')}`);
    log.push(`pending again: ${(await migrator.pending()).includes(name)}`);
    return log;
  } finally {
    await migrator.close();
  }
}
