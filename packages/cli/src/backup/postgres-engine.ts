import { runTool } from '../_internal/run-tool.js';
import { requireTool, toolLabel } from './client-tools.js';
import type { BackupEngine, ServerTarget, TableProgress } from './engine.js';
import { BackupEngineKind } from './manifest.js';

const TABLE_LINE = /(?:dumping contents of|processing data for) table "([^"]+)"/;

function libpqEnv(target: ServerTarget, base: Readonly<Record<string, string | undefined>>) {
  return {
    ...base,
    PGHOST: target.host,
    PGPORT: target.port === undefined ? undefined : String(target.port),
    PGUSER: target.username,
    PGPASSWORD: target.password,
    PGDATABASE: target.database,
    PGSSLMODE: target.sslMode === 'disable' ? 'disable' : target.sslMode,
    PGAPPNAME: 'dalkit-backup',
    PGCONNECT_TIMEOUT: '10',
  };
}

function progressFrom(onTable: TableProgress) {
  return (line: string) => {
    const table = TABLE_LINE.exec(line)?.[1];
    if (table) onTable(table);
  };
}

/**
 * PostgreSQL through its own tools: `pg_dump -Fc` (custom format: compressed, restorable
 * table by table) and `pg_restore --single-transaction --exit-on-error`, so a failed restore
 * leaves nothing behind. `snapshot` makes pg_dump read the same snapshot the row counts used.
 */
export function createPostgresEngine(
  target: ServerTarget,
  env: Readonly<Record<string, string | undefined>>,
  snapshot?: () => string | undefined,
): BackupEngine {
  const toolEnv = libpqEnv(target, env);
  const secrets = [target.password];
  return {
    kind: BackupEngineKind.POSTGRES,
    dumpFile: 'dump.pgcustom',
    async dump(path, onTable) {
      const executable = await requireTool(['pg_dump'], 'postgres', env);
      const id = snapshot?.();
      const args = [
        '--format=custom',
        '--no-password',
        '--verbose',
        `--file=${path}`,
        ...(id ? [`--snapshot=${id}`] : []),
      ];
      await runTool({ executable, args, env: toolEnv, onStderrLine: progressFrom(onTable), secrets });
      return toolLabel(executable, env);
    },
    async restore(path, { clean }, onTable) {
      const executable = await requireTool(['pg_restore'], 'postgres', env);
      const args = [
        '--single-transaction',
        '--exit-on-error',
        '--no-owner',
        '--no-privileges',
        '--no-password',
        '--verbose',
        `--dbname=${target.database}`,
        ...(clean ? ['--clean', '--if-exists'] : []),
        path,
      ];
      await runTool({ executable, args, env: toolEnv, onStderrLine: progressFrom(onTable), secrets });
    },
  };
}

/** Checks a custom-format archive with `pg_restore --list` (reads its table of contents, restores nothing). */
export async function checkPostgresArchive(
  path: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  const executable = await requireTool(['pg_restore'], 'postgres', env);
  await runTool({ executable, args: ['--list', path], env });
}
