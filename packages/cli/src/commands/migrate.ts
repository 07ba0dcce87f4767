import { resolve } from 'node:path';
import {
  createMigrationFile,
  MIGRATION_EXTENSIONS,
  MIGRATION_SLUG,
  type MigrationExtension,
  OutOfOrder,
} from '@dalkit/migrations';
import { type Command, Option } from 'commander';
import { addExamples } from '../_internal/add-examples.js';
import { parsePositiveInt } from '../_internal/parse-positive-int.js';
import { usageError } from '../_internal/usage-error.js';
import type { CliContext } from '../context.js';
import { type MigrateFlags, withMigrator } from './migrate/open-migrator.js';
import { renderMigrateResult, renderStatus } from './migrate/render.js';

const migrationsOption = () => new Option('--migrations <dir>', 'migrations folder').default('migrations');
const lockTimeoutOption = () =>
  new Option('--lock-timeout <ms>', 'how long to wait for another runner (default 60000)').argParser(
    parsePositiveInt('--lock-timeout'),
  );
const outOfOrderOption = () =>
  new Option('--out-of-order <mode>', 'pending migrations older than the newest applied one').choices(
    Object.values(OutOfOrder),
  );

function parseDownTarget(value: string): string | 0 {
  return value === '0' ? 0 : value;
}

/** Registers `dalkit migrate` and its subcommands: up, down, status, create, validate, repair. */
export function registerMigrateCommand(program: Command, context: CliContext): Command {
  const migrate = program.command('migrate').description('apply, roll back and inspect schema migrations');
  const out = () => context.output;

  migrate
    .command('up')
    .description('apply pending migrations, each in its own transaction with its history row')
    .option('--to <name>', 'stop after this migration')
    .option('--dry-run', 'print the SQL that would run; change nothing')
    .option('--app-role <role>', 'PostgreSQL role to grant DML on new tables (default DALKIT_APP_ROLE)')
    .addOption(migrationsOption())
    .addOption(lockTimeoutOption())
    .addOption(outOfOrderOption())
    .action(async (flags: MigrateFlags & { to?: string; dryRun?: boolean }) => {
      const result = await withMigrator(context, flags, (m) =>
        m.up({ ...(flags.to ? { to: flags.to } : {}), dryRun: flags.dryRun === true }),
      );
      out().result({ command: 'migrate up', ...result }, (c) => renderMigrateResult(result, c));
    });

  migrate
    .command('down')
    .description('roll back the last migration, --step N of them, or --to <name> (0 for all)')
    .option('--step <n>', 'how many to roll back', parsePositiveInt('--step'))
    .option(
      '--to <name>',
      'roll back down to and including this migration; 0 rolls back everything',
      parseDownTarget,
    )
    .option('--dry-run', 'print the SQL that would run; change nothing')
    .addOption(migrationsOption())
    .addOption(lockTimeoutOption())
    .action(async (flags: MigrateFlags & { step?: number; to?: string | 0; dryRun?: boolean }) => {
      if (flags.step !== undefined && flags.to !== undefined)
        throw usageError('--step', 'Use either --step or --to, not both');
      const result = await withMigrator(context, flags, (m) =>
        m.down({
          ...(flags.step !== undefined ? { step: flags.step } : {}),
          ...(flags.to !== undefined ? { to: flags.to } : {}),
          dryRun: flags.dryRun === true,
        }),
      );
      out().result({ command: 'migrate down', ...result }, (c) => renderMigrateResult(result, c));
    });

  migrate
    .command('status')
    .description('list applied (with time and duration), pending, missing and changed migrations')
    .addOption(migrationsOption())
    .action(async (flags: MigrateFlags) => {
      const status = await withMigrator(context, flags, (m) => m.status());
      out().result({ command: 'migrate status', ...status }, (c) => renderStatus(status, c));
    });

  migrate
    .command('validate')
    .description('fail when an applied file changed or is missing, or a pending one is out of order')
    .addOption(migrationsOption())
    .addOption(outOfOrderOption())
    .action(async (flags: MigrateFlags) => {
      const status = await withMigrator(context, flags, (m) => m.validate());
      out().result(
        { command: 'migrate validate', valid: true, applied: status.applied, pending: status.pending },
        () =>
          `Valid: ${status.applied.length} applied, ${status.pending.length} pending, no changed or missing files.`,
      );
    });

  migrate
    .command('repair')
    .description(
      'accept changed checksums and clear unfinished records; --remove-missing forgets missing files',
    )
    .option('--remove-missing', 'also delete history rows whose file is gone')
    .addOption(migrationsOption())
    .addOption(lockTimeoutOption())
    .action(async (flags: MigrateFlags & { removeMissing?: boolean }) => {
      const result = await withMigrator(context, flags, (m) =>
        m.repair({ removeMissing: flags.removeMissing === true }),
      );
      out().result({ command: 'migrate repair', ...result }, () => [
        ...result.checksumsUpdated.map(
          (u) => `checksum accepted: ${u.name} (${u.from.slice(0, 12)}… → ${u.to.slice(0, 12)}…)`,
        ),
        ...result.incompleteRemoved.map((n) => `unfinished record cleared: ${n}`),
        ...result.missingRemoved.map((n) => `missing migration forgotten: ${n}`),
        result.checksumsUpdated.length + result.incompleteRemoved.length + result.missingRemoved.length === 0
          ? 'Nothing to repair.'
          : 'History repaired.',
      ]);
    });

  migrate
    .command('create <name>')
    .description(
      'write a new timestamped migration from the template (name: lowercase words and underscores)',
    )
    .option('--sql', 'write a folder with up.sql and down.sql instead')
    .addOption(
      new Option('--ext <extension>', 'file type of the migration')
        .choices([...MIGRATION_EXTENSIONS])
        .default('ts'),
    )
    .addOption(migrationsOption())
    .action(async (name: string, flags: { sql?: boolean; ext: MigrationExtension; migrations: string }) => {
      if (!MIGRATION_SLUG.test(name)) {
        throw usageError(
          '<name>',
          `The migration name must be lowercase words joined by underscores, like add_orders_table (got "${name}")`,
        );
      }
      const created = await createMigrationFile(resolve(context.io.cwd, flags.migrations), name, {
        sql: flags.sql === true,
        extension: flags.ext,
      });
      out().result({ command: 'migrate create', ...created }, () => created.paths.map((p) => `created ${p}`));
    });

  return addExamples(migrate, [
    ['dalkit migrate up', 'apply every pending migration'],
    ['dalkit migrate up --dry-run', 'print the SQL without changing anything'],
    ['dalkit migrate down --step 2', 'roll back the last two migrations'],
    ['dalkit migrate down --to 0', 'roll back everything'],
    ['dalkit migrate status --json', 'applied and pending migrations as JSON'],
    ['dalkit migrate create add_orders_table', 'write migrations/<timestamp>_add_orders_table.ts'],
  ]);
}
