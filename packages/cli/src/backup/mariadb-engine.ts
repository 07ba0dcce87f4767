import { open } from 'node:fs/promises';
import { ValidationError } from '@dalkit/connection';
import { runTool } from '../_internal/run-tool.js';
import { requireTool, toolLabel } from './client-tools.js';
import type { BackupEngine, ServerTarget, TableProgress } from './engine.js';
import { BackupEngineKind } from './manifest.js';

const TABLE_LINE = /Retrieving table structure for table (\S+?)\.\.\./;
const COMPLETED = '-- Dump completed';

function connectionArgs(target: ServerTarget): string[] {
  const ssl =
    target.sslMode === 'disable'
      ? ['--skip-ssl']
      : target.sslMode === 'verify-full'
        ? ['--ssl', '--ssl-verify-server-cert']
        : ['--ssl'];
  return [
    '--protocol=TCP',
    `--host=${target.host}`,
    ...(target.port === undefined ? [] : [`--port=${target.port}`]),
    ...(target.username === undefined ? [] : [`--user=${target.username}`]),
    ...ssl,
  ];
}

function progressFrom(onTable: TableProgress) {
  return (line: string) => {
    const table = TABLE_LINE.exec(line)?.[1];
    if (table) onTable(table);
  };
}

async function lastBytes(path: string, count: number): Promise<string> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const buffer = Buffer.alloc(Math.min(count, size));
    await file.read(buffer, 0, buffer.length, size - buffer.length);
    return buffer.toString('utf8');
  } finally {
    await file.close();
  }
}

/**
 * MariaDB/MySQL through `mariadb-dump` (or `mysqldump`) with `--single-transaction` for a
 * consistent InnoDB snapshot, restored with `mariadb` (or `mysql`). DDL is not transactional
 * there, so a failed restore can leave part of the data: restore into an empty database.
 * The password reaches the tools through MYSQL_PWD, never the command line.
 */
export function createMariadbEngine(
  target: ServerTarget,
  env: Readonly<Record<string, string | undefined>>,
  /** Quoted names of the tables `clean` drops first. */
  tablesToDrop: readonly string[],
): BackupEngine {
  const toolEnv = { ...env, MYSQL_PWD: target.password };
  const secrets = [target.password];
  return {
    kind: BackupEngineKind.MARIADB,
    dumpFile: 'dump.sql',
    async dump(path, onTable) {
      const executable = await requireTool(['mariadb-dump', 'mysqldump'], 'mariadb', env);
      const args = [
        ...connectionArgs(target),
        '--single-transaction',
        '--routines',
        '--triggers',
        '--hex-blob',
        '--default-character-set=utf8mb4',
        '--add-drop-table',
        '--verbose',
        `--result-file=${path}`,
        target.database,
      ];
      await runTool({ executable, args, env: toolEnv, onStderrLine: progressFrom(onTable), secrets });
      return toolLabel(executable, env);
    },
    async restore(path, { clean }, onTable) {
      const executable = await requireTool(['mariadb', 'mysql'], 'mariadb', env);
      const base = [...connectionArgs(target), '--default-character-set=utf8mb4'];
      const existing = clean ? tablesToDrop : [];
      if (existing.length > 0) {
        const drop = `SET FOREIGN_KEY_CHECKS=0; DROP TABLE IF EXISTS ${existing.join(', ')}; SET FOREIGN_KEY_CHECKS=1;`;
        await runTool({
          executable,
          args: [...base, `--execute=${drop}`, target.database],
          env: toolEnv,
          secrets,
        });
      }
      onTable(target.database);
      await runTool({ executable, args: [...base, target.database], env: toolEnv, stdinFile: path, secrets });
    },
  };
}

/** Checks that a dump is complete: mariadb-dump ends every finished dump with `-- Dump completed`. */
export async function checkMariadbDump(path: string): Promise<void> {
  if (!(await lastBytes(path, 256)).includes(COMPLETED)) {
    throw new ValidationError(
      [{ path: 'dump', rule: 'complete', message: `${path} does not end with "${COMPLETED}"` }],
      {
        message: `${path} is truncated: it does not end with "${COMPLETED}"`,
      },
    );
  }
}
