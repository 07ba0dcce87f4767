import { resolve } from 'node:path';
import type { Command } from 'commander';
import { addExamples } from '../../_internal/add-examples.js';
import { parsePositiveInt } from '../../_internal/parse-positive-int.js';
import type { CliContext } from '../../context.js';
import { readMigrationState } from '../../database/migration-state.js';
import { openDatabase } from '../../database/open-database.js';
import { readServerInfo } from '../../database/server-info.js';
import { ExitCode } from '../../exit-code.js';
import { renderCheck } from './render-check.js';

interface CheckFlags {
  timeout?: number;
  migrations: string;
  allowPending?: boolean;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Registers `dalkit db check`: connectivity, server facts and migration state; a readiness probe. */
export function registerDbCheckCommand(db: Command, context: CliContext): Command {
  const command = db
    .command('check')
    .description(
      'connect (with the configured retry) and report server, SSL, round trip, pool and migrations',
    )
    .option(
      '--timeout <ms>',
      'give up connecting after this long (overrides the retry deadline)',
      parsePositiveInt('--timeout'),
    )
    .option('--migrations <dir>', 'migrations folder to compare with the database', 'migrations')
    .option('--allow-pending', 'succeed even when migrations are pending')
    .action(async (flags: CheckFlags) => {
      const overrides =
        flags.timeout === undefined
          ? {}
          : { retry: { deadlineMs: flags.timeout }, connectTimeoutMs: flags.timeout };
      const opened = await openDatabase(context, overrides);
      try {
        const info = await readServerInfo(opened.sql);
        const roundTripMs = median([await opened.db.ping(), await opened.db.ping(), await opened.db.ping()]);
        const migrations = await readMigrationState(opened.db, resolve(context.io.cwd, flags.migrations));
        const problems = [
          ...(migrations.pending.length > 0 && flags.allowPending !== true
            ? [`${migrations.pending.length} pending migration(s)`]
            : []),
          ...(migrations.changed.length > 0 ? [`${migrations.changed.length} changed migration(s)`] : []),
          ...(migrations.missing.length > 0
            ? [`${migrations.missing.length} applied migration(s) without a file`]
            : []),
        ];
        const { pool } = opened.db.config;
        const report = {
          command: 'db check',
          ok: problems.length === 0,
          reachable: true,
          target: opened.embedded ? `pglite://${opened.embedded.dataDir}` : opened.db.target,
          dialect: opened.db.dialect,
          embedded: opened.embedded !== undefined,
          ...info,
          roundTripMs,
          pool: {
            min: pool.min,
            max: pool.max,
            acquireTimeoutMs: pool.acquireTimeoutMs,
            idleMs: pool.idleMs,
          },
          migrations,
          problems,
        };
        if (problems.length > 0) context.setExitCode(ExitCode.FAILURE);
        context.output.result(report, (c) => renderCheck(report, c));
      } finally {
        await opened.close();
      }
    });
  return addExamples(command, [
    ['dalkit db check', 'human report; exit 1 when unreachable or migrations are pending'],
    ['dalkit db check --json', 'the same, as one JSON object'],
    ['dalkit db check --quiet --timeout 5000', 'readiness probe: exit code only, give up after 5 s'],
    ['dalkit db check --allow-pending', 'do not fail on pending migrations'],
  ]);
}
