import { accessSync, constants } from 'node:fs';
import { userInfo } from 'node:os';
import { ConfigError, type ConfigIssue } from '../errors/errors.js';
import { redactUrl } from '../redact.js';
import { expectedFor, KNOWN_PATHS } from './expectations.js';
import { type EnvironmentVariables, fromEnv } from './from-env.js';
import { type ConfigLayer, flattenConfig, mergeLayers, unflatten } from './layer.js';
import { parseConnectionUrl } from './parse-url.js';
import { expandReplicas } from './replicas.js';
import {
  type DatabaseConfig,
  DEFAULTS,
  type ResolvedDatabaseConfig,
  resolvedConfigSchema,
} from './schema.js';

/** Where explicit options are attributed in messages. */
export const EXPLICIT_SOURCE = 'explicit options';
const DEFAULT_SOURCE = 'default';
const RESOLVED = Symbol.for('dalkit.resolvedConfig');

/** Sources to merge under the explicit options. */
export interface ResolveConfigSources {
  /** Environment variables to read, or `false` to ignore the environment. @default process.env */
  env?: EnvironmentVariables | false;
  /** A loaded config file (see `loadConfigFile`): its path and its content. */
  file?: { path: string; config: Record<string, unknown> };
}

function defaultsLayer(): ConfigLayer {
  return flattenConfig(DEFAULTS as unknown as Record<string, unknown>, DEFAULT_SOURCE, () => new Map());
}

function describeValue(path: string, value: unknown): string {
  if (path === 'password') return '***';
  if (typeof value === 'string') return JSON.stringify(path === 'url' ? redactUrl(value) : value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function issuesFromLayers(merged: ConfigLayer, parsed: Record<string, unknown>): ConfigIssue[] {
  const result = resolvedConfigSchema.safeParse(parsed);
  if (result.success) return [];
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const base = issue.path.join('.');
    const paths =
      issue.code === 'unrecognized_keys' ? issue.keys.map((k) => (base ? `${base}.${k}` : k)) : [base];
    for (const path of paths) {
      if (seen.has(path)) continue;
      seen.add(path);
      const entry = merged.get(path);
      const unknown = issue.code === 'unrecognized_keys';
      issues.push({
        key: entry?.key ?? path,
        source: entry?.source ?? DEFAULT_SOURCE,
        expected: unknown ? `a known option (one of: ${KNOWN_PATHS.join(', ')})` : expectedFor(path, merged),
        ...(entry === undefined ? {} : { received: describeValue(path, entry.value) }),
      });
    }
  }
  return issues;
}

function targetIssues(merged: ConfigLayer, parsed: Record<string, unknown>): ConfigIssue[] {
  const host = merged.get('host');
  const embedded = merged.get('embedded.dataDir');
  if (host?.value !== undefined && embedded?.value !== undefined) {
    return [
      {
        key: host.key,
        source: host.source,
        expected: `unset when the embedded database is configured (by ${embedded.key} from ${embedded.source})`,
        received: describeValue('host', host.value),
      },
    ];
  }
  if (parsed.host === undefined && parsed.embedded === undefined) {
    return [
      {
        key: 'url',
        source: 'any source',
        expected:
          "set: pass `url`, set DATABASE_URL or DB_HOST, or add dalkit.config.ts (use 'pglite://memory' for the embedded database)",
      },
    ];
  }
  return [];
}

/** The CA file must be readable when TLS is on; checked here so the error names its source. */
function caFileIssues(merged: ConfigLayer, config: ResolvedDatabaseConfig): ConfigIssue[] {
  const ca = config.ssl.ca;
  if (config.ssl.mode === 'disable' || ca === undefined) return [];
  try {
    accessSync(ca, constants.R_OK);
    return [];
  } catch {
    const entry = merged.get('ssl.ca');
    return [
      {
        key: entry?.key ?? 'ssl.ca',
        source: entry?.source ?? DEFAULT_SOURCE,
        expected: expectedFor('ssl.ca', merged).replace('a path to', 'a readable path to'),
        received: JSON.stringify(ca),
      },
    ];
  }
}

function defaultUsername(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}

function hidePassword<T extends { password?: string | undefined }>(target: T): T {
  const { password, ...rest } = target;
  const out = { ...rest } as T;
  Object.defineProperty(out, 'password', { value: password, enumerable: false });
  return Object.freeze(out);
}

function finish(config: ResolvedDatabaseConfig): ResolvedDatabaseConfig {
  const { password, ...rest } = config;
  const out = { ...rest } as ResolvedDatabaseConfig;
  if (out.embedded) {
    out.username = 'postgres';
    out.database = 'postgres';
    Object.defineProperty(out, 'password', { value: 'postgres', enumerable: false });
  } else {
    out.username ??= defaultUsername();
    // Non-enumerable: a logged, serialised or spread config never shows the password.
    Object.defineProperty(out, 'password', { value: password, enumerable: false });
  }
  if (out.replicas) out.replicas = Object.freeze(out.replicas.map(hidePassword)) as typeof out.replicas;
  Object.defineProperty(out, RESOLVED, { value: true, enumerable: false });
  for (const group of ['pool', 'ssl', 'retry', 'logging', 'embedded'] as const) {
    if (out[group]) Object.freeze(out[group]);
  }
  return Object.freeze(out);
}

/** True when `config` came out of {@link resolveConfig} or `loadConfig` (and needs no resolving again). */
export function isResolvedConfig(config: unknown): config is ResolvedDatabaseConfig {
  return (
    typeof config === 'object' && config !== null && (config as Record<symbol, unknown>)[RESOLVED] === true
  );
}

/**
 * Merges, in order of precedence, explicit options > environment variables > config file >
 * defaults, then validates the result. Throws one {@link ConfigError} naming every bad key,
 * its source and what it must be. The password of the result is a non-enumerable property.
 */
export function resolveConfig(
  explicit: DatabaseConfig = {},
  sources: ResolveConfigSources = {},
): ResolvedDatabaseConfig {
  const issues: ConfigIssue[] = [];
  const expandUrl = (url: unknown, key: string, source: string) => {
    const parsed = parseConnectionUrl(url, key, source);
    issues.push(...parsed.issues);
    return parsed.layer;
  };
  const layers: ConfigLayer[] = [
    flattenConfig(explicit as Record<string, unknown>, EXPLICIT_SOURCE, expandUrl),
  ];
  const env = sources.env === undefined ? process.env : sources.env;
  if (env !== false) {
    const fromEnvironment = fromEnv(env);
    issues.push(...fromEnvironment.issues);
    layers.push(fromEnvironment.layer);
  }
  if (sources.file) layers.push(flattenConfig(sources.file.config, sources.file.path, expandUrl));
  const merged = mergeLayers([...layers, defaultsLayer()]);
  if (!merged.has('dialect'))
    merged.set('dialect', { value: 'postgres', key: 'dialect', source: DEFAULT_SOURCE });
  const parsed = unflatten(merged);
  const replicaIssues = expandReplicas(merged, parsed);
  if (replicaIssues.length > 0) delete parsed.replicas; // reported once, by URL
  issues.push(...replicaIssues);
  issues.push(...issuesFromLayers(merged, parsed), ...targetIssues(merged, parsed));
  if (issues.length > 0) throw new ConfigError(issues);
  const config = resolvedConfigSchema.parse(parsed);
  const fileIssues = caFileIssues(merged, config);
  if (fileIssues.length > 0) throw new ConfigError(fileIssues);
  return finish(config);
}
