import type { MigrationState } from '../../database/migration-state.js';
import type { ServerInfo } from '../../database/server-info.js';
import type { Colors } from '../../output/colors.js';

/** What `db check` found, as it reports it. */
export interface CheckReport extends ServerInfo {
  ok: boolean;
  target: string;
  roundTripMs: number;
  pool: { min: number; max: number; acquireTimeoutMs: number; idleMs: number };
  migrations: MigrationState;
  problems: string[];
}

function migrationLines(m: MigrationState, c: Colors): string[] {
  if (!m.folderFound) return [`  migrations  ${c.dim(`no folder at ${m.folder}`)} (${m.applied} applied)`];
  const lines = [
    `  migrations  ${m.applied} applied${m.head ? `, head ${m.head}` : ''}, ${m.pending.length} pending`,
  ];
  for (const name of m.pending) lines.push(`    ${c.yellow('pending')}  ${name}`);
  for (const name of m.changed) lines.push(`    ${c.red('changed')}  ${name}`);
  for (const name of m.missing) lines.push(`    ${c.red('missing')}  ${name}`);
  return lines;
}

/** The human lines of `dalkit db check`. */
export function renderCheck(report: CheckReport, c: Colors): string[] {
  const pending = report.migrations.pending.length;
  const headline = report.ok
    ? `${c.green('✔')} ${c.bold(report.target)} is reachable${pending > 0 ? ` (${pending} pending migration(s) allowed)` : ' and up to date'}`
    : `${c.red('✖')} ${c.bold(report.target)} is reachable, but: ${report.problems.join(', ')}`;
  const { pool } = report;
  return [
    headline,
    `  server      ${report.serverVersion}`,
    `  database    ${report.database}`,
    `  user        ${report.user}`,
    `  ssl         ${report.ssl ? 'on' : 'off'}`,
    `  round trip  ${report.roundTripMs} ms`,
    `  pool        min ${pool.min}, max ${pool.max}, acquire timeout ${pool.acquireTimeoutMs} ms, idle ${pool.idleMs} ms`,
    ...migrationLines(report.migrations, c),
  ];
}
