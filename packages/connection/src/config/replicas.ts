import type { ConfigIssue } from '../errors/errors.js';
import { redactUrl } from '../redact.js';
import { expectedFor, expectedReplica } from './expectations.js';
import type { ConfigLayer } from './layer.js';
import { parseConnectionUrl } from './parse-url.js';

const PARTS = ['host', 'port', 'database', 'username', 'password'] as const;

/**
 * Turns the merged `replicas` (a list of URLs) into connection objects in place, and reports
 * every URL that is not a server URL of the primary's dialect, as `replicas[1]` or
 * `DB_READ_REPLICA_URLS[1]` with its source. The embedded database has no replicas.
 */
export function expandReplicas(merged: ConfigLayer, parsed: Record<string, unknown>): ConfigIssue[] {
  const entry = merged.get('replicas');
  const list = parsed.replicas;
  if (entry === undefined || !Array.isArray(list)) return [];
  const issues: ConfigIssue[] = [];
  if (parsed.embedded !== undefined && list.length > 0) {
    return [
      { key: entry.key, source: entry.source, expected: 'empty: the embedded database has no replicas' },
    ];
  }
  parsed.replicas = list.map((url, index) => {
    const key = `${entry.key}[${index}]`;
    if (typeof url !== 'string') {
      issues.push({
        key,
        source: entry.source,
        expected: expectedFor('replicas', merged),
        received: JSON.stringify(url),
      });
      return undefined;
    }
    const { layer, issues: urlIssues } = parseConnectionUrl(url, key, entry.source);
    issues.push(...urlIssues);
    const dialect = layer.get('dialect')?.value;
    if (urlIssues.length === 0 && (dialect !== parsed.dialect || layer.get('host')?.value === undefined)) {
      issues.push({
        key,
        source: entry.source,
        expected: expectedReplica(parsed.dialect),
        received: JSON.stringify(redactUrl(url)),
      });
    }
    const replica: Record<string, unknown> = {};
    for (const part of PARTS) {
      const value = layer.get(part)?.value;
      if (value !== undefined) replica[part] = value;
    }
    return replica;
  });
  return issues;
}
