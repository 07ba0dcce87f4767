import { accessSync, constants } from 'node:fs';
import type { ConfigIssue } from '../errors/errors.js';
import { redactUrl } from '../redact.js';
import { expectedFor, KNOWN_PATHS } from './expectations.js';
import type { ConfigLayer } from './layer.js';
import { type ResolvedDatabaseConfig, resolvedConfigSchema } from './schema.js';

/** Where defaults are attributed in messages. */
export const DEFAULT_SOURCE = 'default';

/** A received value for a message: passwords as `***`, URL credentials masked, even inside lists. */
function describeValue(path: string, value: unknown): string {
  if (path === 'password') return '***';
  if (typeof value === 'string') return JSON.stringify(redactUrl(value));
  try {
    return redactUrl(JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}

/** Every zod issue as a {@link ConfigIssue} naming the key as written and its source; one per key. */
export function schemaIssues(merged: ConfigLayer, parsed: Record<string, unknown>): ConfigIssue[] {
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

/** A server host and the embedded database at once, or neither. */
export function targetIssues(merged: ConfigLayer, parsed: Record<string, unknown>): ConfigIssue[] {
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
export function caFileIssues(merged: ConfigLayer, config: ResolvedDatabaseConfig): ConfigIssue[] {
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
