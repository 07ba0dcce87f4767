import { ValidationError, type ValidationIssue } from '@dalkit/connection';

/** The `format` of every dalkit backup manifest. */
export const BACKUP_FORMAT = 'dalkit-backup';
/** The manifest layout version this dalkit writes and reads. */
export const BACKUP_FORMAT_VERSION = 1;

/** How the data was dumped. */
export const BackupEngineKind = {
  POSTGRES: 'postgres',
  MARIADB: 'mariadb',
  EMBEDDED: 'embedded',
} as const;
/** One of {@link BackupEngineKind}. */
export type BackupEngineKind = (typeof BackupEngineKind)[keyof typeof BackupEngineKind];

/** `manifest.json` of a backup: what it holds and how to check it. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: typeof BACKUP_FORMAT_VERSION;
  /** The @dalkit/cli version that wrote it. */
  dalkitVersion: string;
  /** Where the data came from and how it must be restored. */
  engine: BackupEngineKind;
  /** The SQL dialect. */
  dialect: 'postgres' | 'mariadb' | 'mysql';
  /** The server's version string. */
  serverVersion: string;
  /** The database name it was taken from. */
  database: string;
  /** The environment the CLI acted as. */
  environment: string;
  /** ISO-8601 time the backup was taken. */
  createdAt: string;
  /** The newest applied migration, or null when none (or no history table). */
  migrationHead: string | null;
  /** Exact row count per table at the time of the dump (`schema.table` on PostgreSQL). */
  tables: Record<string, number>;
  /** The data file next to the manifest. */
  dump: { file: string; tool: string; bytes: number; sha256: string };
}

function issue(path: string, message: string): ValidationIssue {
  return { path, rule: 'manifest', message };
}

function checkFields(value: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (value.format !== BACKUP_FORMAT) issues.push(issue('format', `format must be "${BACKUP_FORMAT}"`));
  if (value.formatVersion !== BACKUP_FORMAT_VERSION) {
    issues.push(
      issue(
        'formatVersion',
        `formatVersion ${String(value.formatVersion)} is not supported (expected ${BACKUP_FORMAT_VERSION})`,
      ),
    );
  }
  if (!Object.values(BackupEngineKind).includes(value.engine as BackupEngineKind)) {
    issues.push(issue('engine', 'engine must be postgres, mariadb or embedded'));
  }
  for (const key of ['dalkitVersion', 'dialect', 'serverVersion', 'database', 'createdAt'] as const) {
    if (typeof value[key] !== 'string') issues.push(issue(key, `${key} must be a string`));
  }
  const tables = value.tables;
  if (
    typeof tables !== 'object' ||
    tables === null ||
    Object.values(tables).some((n) => !Number.isInteger(n))
  ) {
    issues.push(issue('tables', 'tables must map table names to row counts'));
  }
  const dump = value.dump as Record<string, unknown> | undefined;
  if (typeof dump?.file !== 'string' || !/^[\w.-]+$/.test(dump.file) || typeof dump.sha256 !== 'string') {
    issues.push(issue('dump', 'dump must name a file in the backup folder and its sha256'));
  }
  return issues;
}

/** Parses and checks a manifest's text; a bad one is a ValidationError listing every problem. */
export function parseManifest(text: string, source: string): BackupManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new ValidationError([issue('manifest.json', `${source} is not valid JSON`)], { cause });
  }
  const issues =
    typeof value === 'object' && value !== null
      ? checkFields(value as Record<string, unknown>)
      : [issue('manifest.json', 'not an object')];
  if (issues.length > 0) {
    throw new ValidationError(issues, {
      message: `${source} is not a dalkit backup manifest: ${issues.map((i) => i.message).join('; ')}`,
    });
  }
  return value as BackupManifest;
}
