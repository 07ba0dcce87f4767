import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, type ConfigIssue } from '@dalkit/connection';

/** The folder of this package (one level above `src/` and `dist/`). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the app runs: decides defaults such as seeding and key handling. */
export type AppEnvironment = 'development' | 'test' | 'production';

/** The validated configuration of the reference API. */
export interface AppConfig {
  readonly environment: AppEnvironment;
  readonly host: string;
  readonly port: number;
  /** A server URL (`postgres://`, `mariadb://`); absent = embedded PostgreSQL in `dataDir`. */
  readonly databaseUrl: string | undefined;
  /** Folder of the embedded database and development keys. */
  readonly dataDir: string;
  readonly logLevel: string;
  /** Apply pending migrations at start. */
  readonly migrateOnStart: boolean;
  /** Load the seeds of `environment` at start (development defaults to yes). */
  readonly seedOnStart: boolean;
  /** Sample-data size multiplier for development seeds. */
  readonly seedScale: number;
  /** Key ring for encrypted columns: id → 32-byte key; `activeKeyId` encrypts new values. */
  readonly encryption: { readonly keys: Readonly<Record<string, Buffer>>; readonly activeKeyId: string };
  /** Secret for blind indexes (HMAC-SHA256). */
  readonly blindIndexKey: Buffer;
  /** HMAC secret of keyset cursors: `CURSOR_SECRET`, else derived from the blind-index key (stable across restarts). */
  readonly cursorSecret: string;
  /** How long shutdown waits for in-flight requests before giving up, in ms. */
  readonly shutdownTimeoutMs: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Reads and validates the configuration from environment variables. Every bad variable is
 * reported at once in a {@link ConfigError} that names it and says what was expected.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const issues: ConfigIssue[] = [];
  const bad = (key: string, expected: string, received?: string) =>
    issues.push({ key, source: 'environment', expected, ...(received === undefined ? {} : { received }) });

  const environment = (env.NODE_ENV ?? 'development') as AppEnvironment;
  if (!['development', 'test', 'production'].includes(environment)) {
    bad('NODE_ENV', 'one of development, test, production', JSON.stringify(env.NODE_ENV));
  }
  const port = integer(env.PORT, 3000, 0, 65_535, 'PORT', bad);
  const shutdownTimeoutMs = integer(env.SHUTDOWN_TIMEOUT_MS, 10_000, 0, 600_000, 'SHUTDOWN_TIMEOUT_MS', bad);
  const seedScale = number(env.SEED_SCALE, 1, 'SEED_SCALE', bad);
  const logLevel = env.LOG_LEVEL ?? (environment === 'test' ? 'warn' : 'info');
  if (!LOG_LEVELS.includes(logLevel))
    bad('LOG_LEVEL', `one of ${LOG_LEVELS.join(', ')}`, JSON.stringify(logLevel));
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined && !/^(postgres|postgresql|mysql|mariadb):\/\//.test(databaseUrl)) {
    bad('DATABASE_URL', 'a postgres://, postgresql://, mysql:// or mariadb:// URL', '(redacted)');
  }
  const dataDirRaw = env.DATA_DIR ?? '.data';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : join(PACKAGE_ROOT, dataDirRaw);
  const migrateOnStart = flag(env.MIGRATE_ON_START, true, 'MIGRATE_ON_START', bad);
  const seedOnStart = flag(env.SEED_ON_START, environment === 'development', 'SEED_ON_START', bad);
  const keys = encryptionKeys(env, environment, dataDir, bad);
  if (issues.length > 0) throw new ConfigError(issues);
  return Object.freeze({
    environment,
    host: env.HOST ?? '127.0.0.1',
    port,
    databaseUrl,
    dataDir,
    logLevel,
    migrateOnStart,
    seedOnStart,
    seedScale,
    encryption: keys.encryption,
    blindIndexKey: keys.blindIndexKey,
    cursorSecret:
      env.CURSOR_SECRET || createHmac('sha256', keys.blindIndexKey).update('cursor').digest('base64url'),
    shutdownTimeoutMs,
  });
}

type Bad = (key: string, expected: string, received?: string) => void;

function integer(raw: string | undefined, fallback: number, min: number, max: number, key: string, bad: Bad) {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    bad(key, `an integer from ${min} to ${max}`, JSON.stringify(raw));
    return fallback;
  }
  return value;
}

function number(raw: string | undefined, fallback: number, key: string, bad: Bad) {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    bad(key, 'a positive number', JSON.stringify(raw));
    return fallback;
  }
  return value;
}

function flag(raw: string | undefined, fallback: boolean, key: string, bad: Bad) {
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  bad(key, 'true or false', JSON.stringify(raw));
  return fallback;
}

/**
 * `ENCRYPTION_KEYS=id1:<base64 32 bytes>,id2:<…>` (the first is active) and
 * `BLIND_INDEX_KEY=<base64 ≥ 32 bytes>`. Outside production, missing keys are generated once
 * into `<dataDir>/dev-keys.json` so the embedded database stays readable across starts.
 */
function encryptionKeys(env: NodeJS.ProcessEnv, environment: AppEnvironment, dataDir: string, bad: Bad) {
  if (env.ENCRYPTION_KEYS || env.BLIND_INDEX_KEY || environment === 'production') {
    const keys: Record<string, Buffer> = {};
    let activeKeyId = '';
    for (const entry of (env.ENCRYPTION_KEYS ?? '').split(',').filter(Boolean)) {
      const [id, b64] = entry.split(':');
      const key = Buffer.from(b64 ?? '', 'base64');
      if (!id || !/^[a-z0-9_-]{1,16}$/i.test(id) || key.length !== 32) {
        bad('ENCRYPTION_KEYS', 'a comma-separated list of <id>:<base64 of 32 bytes>', '(redacted)');
        continue;
      }
      keys[id] = key;
      activeKeyId ||= id;
    }
    if (!activeKeyId) bad('ENCRYPTION_KEYS', 'at least one <id>:<base64 of 32 bytes> key');
    const blindIndexKey = Buffer.from(env.BLIND_INDEX_KEY ?? '', 'base64');
    if (blindIndexKey.length < 32) bad('BLIND_INDEX_KEY', 'base64 of at least 32 bytes', '(redacted)');
    return { encryption: { keys, activeKeyId }, blindIndexKey };
  }
  const file = join(dataDir, 'dev-keys.json');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const generated = { k1: randomBytes(32).toString('base64'), blind: randomBytes(32).toString('base64') };
    writeFileSync(file, JSON.stringify(generated), { mode: 0o600 });
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { k1: string; blind: string };
  return {
    encryption: { keys: { k1: Buffer.from(stored.k1, 'base64') }, activeKeyId: 'k1' },
    blindIndexKey: Buffer.from(stored.blind, 'base64'),
  };
}
