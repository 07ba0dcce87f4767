import { userInfo } from 'node:os';
import { ConfigError, type ConfigIssue } from '../errors/errors.js';
import { caFileIssues, DEFAULT_SOURCE, schemaIssues, targetIssues } from './config-issues.js';
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
  issues.push(...schemaIssues(merged, parsed), ...targetIssues(merged, parsed));
  if (issues.length > 0) throw new ConfigError(issues);
  const config = resolvedConfigSchema.parse(parsed);
  const fileIssues = caFileIssues(merged, config);
  if (fileIssues.length > 0) throw new ConfigError(fileIssues);
  return finish(config);
}
