import { OperationRefusedError, type ResolvedDatabaseConfig } from '@dalkit/connection';
import { quoteIdentifier } from '../_internal/quote-identifier.js';
import { createEmbeddedEngine } from './embedded-engine.js';
import type { BackupEngine, ServerTarget } from './engine.js';
import { BackupEngineKind } from './manifest.js';
import { createMariadbEngine } from './mariadb-engine.js';
import { createPostgresEngine } from './postgres-engine.js';
import type { TableRef } from './table-stats.js';

/** What picking an engine needs to know about the target. */
export interface EngineTarget {
  readonly config: ResolvedDatabaseConfig;
  /** The embedded data folder (resolved), when the target is embedded. */
  readonly embeddedDataDir?: string;
  /** Reads the running embedded server's data directory (backup only). */
  readonly dumpDataDir?: () => Promise<Blob>;
  /** The tables the target holds now: MariaDB's `--clean` drops them before restoring. */
  readonly existingTables?: readonly TableRef[];
}

/** Which engine a configuration needs. */
export function engineKindOf(config: ResolvedDatabaseConfig): BackupEngineKind {
  if (config.embedded) return BackupEngineKind.EMBEDDED;
  return config.dialect === 'postgres' ? BackupEngineKind.POSTGRES : BackupEngineKind.MARIADB;
}

function serverTarget(config: ResolvedDatabaseConfig): ServerTarget {
  return {
    host: config.host ?? 'localhost',
    ...(config.port === undefined ? {} : { port: config.port }),
    database: config.database ?? '',
    ...(config.username === undefined ? {} : { username: config.username }),
    ...(config.password === undefined ? {} : { password: config.password }),
    sslMode: config.ssl.mode,
  };
}

/** The engine that backs up and restores `target`; `snapshot` lets pg_dump share a snapshot. */
export function engineFor(
  target: EngineTarget,
  env: Readonly<Record<string, string | undefined>>,
  snapshot?: () => string | undefined,
): BackupEngine {
  const { config } = target;
  switch (engineKindOf(config)) {
    case BackupEngineKind.EMBEDDED: {
      const dataDir = target.embeddedDataDir;
      if (dataDir === undefined || dataDir === 'memory') {
        throw new OperationRefusedError(
          'The embedded database is in memory: there is no data folder to back up or restore',
          {
            details: { hint: "Use a data folder in your config (url: 'pglite://./.dalkit')." },
          },
        );
      }
      const noServer = () => Promise.reject(new Error('the embedded server is not running'));
      return createEmbeddedEngine(dataDir, target.dumpDataDir ?? noServer);
    }
    case BackupEngineKind.POSTGRES:
      return createPostgresEngine(serverTarget(config), env, snapshot);
    case BackupEngineKind.MARIADB: {
      const existing = (target.existingTables ?? []).map((table) => quoteIdentifier(table.name, 'mariadb'));
      return createMariadbEngine(serverTarget(config), env, existing);
    }
  }
}
