import type { BackupEngineKind } from './manifest.js';

/** Where a server database lives, as the client tools need it. */
export interface ServerTarget {
  readonly host: string;
  readonly port?: number;
  readonly database: string;
  readonly username?: string;
  /** Passed to the tools through their environment, never on the command line. */
  readonly password?: string;
  /** libpq's sslmode: disable, require, verify-ca, verify-full. */
  readonly sslMode: string;
}

/** Progress of a dump or restore: the table being processed. */
export type TableProgress = (table: string) => void;

/** Dumps and restores one kind of database into a backup folder's data file. */
export interface BackupEngine {
  readonly kind: BackupEngineKind;
  /** The data file's name inside the backup folder. */
  readonly dumpFile: string;
  /** Writes the data file; resolves to the tool that wrote it (`pg_dump 15.20`). */
  dump(path: string, onTable: TableProgress): Promise<string>;
  /** Loads the data file into the (empty, or `clean`) target. */
  restore(path: string, options: { clean: boolean }, onTable: TableProgress): Promise<void>;
}
