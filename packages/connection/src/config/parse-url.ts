import type { ConfigIssue } from '../errors/errors.js';
import { redactUrl } from '../redact.js';
import type { ConfigLayer } from './layer.js';

const DIALECT_BY_SCHEME: Record<string, 'postgres' | 'mariadb' | 'mysql'> = {
  'postgres:': 'postgres',
  'postgresql:': 'postgres',
  'mysql:': 'mysql',
  'mariadb:': 'mariadb',
};

const EMBEDDED_PREFIX = 'pglite://';

/** Query parameters a connection string may carry, and the config path each one sets. */
const PARAMS: Record<string, { path: string; kind: 'string' | 'int' | 'seconds' | 'sslmode' | 'bool-ssl' }> =
  {
    sslmode: { path: 'ssl.mode', kind: 'sslmode' },
    sslrootcert: { path: 'ssl.ca', kind: 'string' },
    ssl: { path: 'ssl.mode', kind: 'bool-ssl' },
    application_name: { path: 'applicationName', kind: 'string' },
    connect_timeout: { path: 'connectTimeoutMs', kind: 'seconds' },
    statement_timeout: { path: 'statementTimeoutMs', kind: 'int' },
  };

/** The result of reading a connection string: values by path, and problems found. */
export interface ParsedUrl {
  layer: ConfigLayer;
  issues: ConfigIssue[];
}

function paramValue(kind: (typeof PARAMS)[string]['kind'], raw: string): unknown {
  switch (kind) {
    case 'int':
      return /^\d+$/.test(raw) ? Number(raw) : raw;
    case 'seconds':
      return /^\d+$/.test(raw) ? Number(raw) * 1000 : raw;
    case 'bool-ssl':
      return raw === 'true' || raw === '1' ? 'require' : raw === 'false' || raw === '0' ? 'disable' : raw;
    default:
      return raw;
  }
}

function parseEmbedded(url: string, key: string, source: string): ParsedUrl {
  const rest = url.slice(EMBEDDED_PREFIX.length).split('?')[0] ?? '';
  const dataDir = rest === '' || rest === 'memory' ? 'memory' : decodeURIComponent(rest);
  const layer: ConfigLayer = new Map([
    ['dialect', { value: 'postgres', key, source }],
    ['embedded.dataDir', { value: dataDir, key, source }],
    ['host', { value: undefined, key, source }],
  ]);
  return { layer, issues: [] };
}

/**
 * Reads a connection string into config values: dialect from the scheme, host, port,
 * database, user, password, and the supported query parameters (`sslmode`, `sslrootcert`,
 * `ssl`, `application_name`, `connect_timeout` in seconds, `statement_timeout` in ms).
 * Every value is attributed to `key` (e.g. `DATABASE_URL`) and `source`.
 */
export function parseConnectionUrl(url: unknown, key: string, source: string): ParsedUrl {
  const bad = (expected: string, received?: string): ParsedUrl => ({
    layer: new Map(),
    issues: [{ key, source, expected, ...(received === undefined ? {} : { received }) }],
  });
  const expected =
    'a connection URL: postgres://, postgresql://, mysql://, mariadb://, pglite://memory or pglite://<folder>';
  if (typeof url !== 'string' || url.trim() === '') return bad(expected, JSON.stringify(url ?? null));
  if (url.startsWith(EMBEDDED_PREFIX)) return parseEmbedded(url, key, source);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return bad(expected, JSON.stringify(redactUrl(url)));
  }
  const dialect = DIALECT_BY_SCHEME[parsed.protocol];
  if (!dialect) return bad(expected, JSON.stringify(redactUrl(url)));
  const layer: ConfigLayer = new Map();
  const issues: ConfigIssue[] = [];
  const set = (path: string, value: unknown, param?: string) =>
    layer.set(path, { value, key: param ? `${key} (${param})` : key, source });
  set('dialect', dialect);
  set(
    'host',
    parsed.hostname === '' ? undefined : decodeURIComponent(parsed.hostname.replace(/^\[|\]$/g, '')),
  );
  set('embedded.dataDir', undefined);
  if (parsed.port) set('port', Number(parsed.port));
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (database) set('database', database);
  if (parsed.username) set('username', decodeURIComponent(parsed.username));
  if (parsed.password) set('password', decodeURIComponent(parsed.password));
  for (const [name, raw] of parsed.searchParams) {
    const param = PARAMS[name];
    if (!param) {
      issues.push({
        key: `${key} (${name})`,
        source,
        expected: `a supported query parameter (${Object.keys(PARAMS).join(', ')})`,
        received: JSON.stringify(name),
      });
      continue;
    }
    set(param.path, paramValue(param.kind, raw), name);
  }
  return { layer, issues };
}
