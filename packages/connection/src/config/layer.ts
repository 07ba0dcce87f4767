/** One configured value and where it came from. */
export interface ConfigEntry {
  /** `undefined` means "this source decided there is no value" and hides lower sources. */
  readonly value: unknown;
  /** The key as the user wrote it: `DB_POOL_MAX`, `pool.max`, `url`. */
  readonly key: string;
  /** `explicit options`, `environment`, a config file path, or `default`. */
  readonly source: string;
}

/** The values one source provides, by dotted path (`pool.max`). */
export type ConfigLayer = Map<string, ConfigEntry>;

/** Keys whose value is a group of options rather than a value. */
const GROUPS = new Set(['pool', 'ssl', 'retry', 'logging', 'embedded']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Flattens a config object (explicit options or a file's content) into dotted paths. A `url`
 * is expanded by `expandUrl`; keys the schema does not know are kept so validation names them.
 */
export function flattenConfig(
  config: Record<string, unknown>,
  source: string,
  expandUrl: (url: unknown, key: string, source: string) => ConfigLayer,
): ConfigLayer {
  const layer: ConfigLayer = new Map();
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    if (key === 'url') {
      for (const [path, entry] of expandUrl(value, key, source)) layer.set(path, entry);
    } else if (GROUPS.has(key) && isPlainObject(value)) {
      for (const [inner, innerValue] of Object.entries(value)) {
        if (innerValue !== undefined) {
          layer.set(`${key}.${inner}`, { value: innerValue, key: `${key}.${inner}`, source });
        }
      }
    } else {
      layer.set(key, { value, key, source });
    }
  }
  return withExclusiveTarget(layer);
}

/**
 * A source that names a server hides the embedded database of lower sources, and the other
 * way round, so `DB_HOST` in the environment never mixes with `pglite://` from a file.
 */
export function withExclusiveTarget(layer: ConfigLayer): ConfigLayer {
  const host = layer.get('host');
  const embedded = layer.get('embedded.dataDir');
  if (host && !embedded)
    layer.set('embedded.dataDir', { value: undefined, key: host.key, source: host.source });
  if (embedded && !host) layer.set('host', { value: undefined, key: embedded.key, source: embedded.source });
  return layer;
}

/** Merges layers given highest precedence first: for each path the first layer that sets it wins. */
export function mergeLayers(layers: readonly ConfigLayer[]): ConfigLayer {
  const merged: ConfigLayer = new Map();
  for (const layer of layers) {
    for (const [path, entry] of layer) if (!merged.has(path)) merged.set(path, entry);
  }
  return merged;
}

/** Builds the nested config object from a merged layer, leaving out "no value" entries. */
export function unflatten(layer: ConfigLayer): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, entry] of layer) {
    if (entry.value === undefined) continue;
    const dot = path.indexOf('.');
    if (dot === -1) {
      out[path] = entry.value;
    } else {
      const group = path.slice(0, dot);
      const existing = out[group];
      const target = isPlainObject(existing) ? existing : {};
      target[path.slice(dot + 1)] = entry.value;
      out[group] = target;
    }
  }
  return out;
}
