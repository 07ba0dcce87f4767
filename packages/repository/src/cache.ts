/**
 * Where a repository keeps cached read results. Implement it over Redis or anything else;
 * {@link createLruCache} is the in-memory default. Methods may be sync or async.
 */
export interface CacheStore {
  get(key: string): unknown | Promise<unknown>;
  set(key: string, value: unknown, ttlMs: number): void | Promise<void>;
  /** Drops every entry of this store (called after each write through the repository). */
  clear(): void | Promise<void>;
}

/** Options of the repository read cache. */
export interface CacheOptions {
  /** How long an entry lives, in ms. @default 30_000 */
  ttlMs?: number;
  /** Most entries kept by the default in-memory store. @default 1000 */
  maxEntries?: number;
  /** A custom store; @default createLruCache({ maxEntries }) */
  store?: CacheStore;
}

/** An in-memory, size-bounded LRU store with per-entry expiry. */
export function createLruCache(options: { maxEntries?: number; now?: () => number } = {}): CacheStore {
  const maxEntries = options.maxEntries ?? 1000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: unknown; expiresAt: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (entry.expiresAt <= now()) return undefined;
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value, ttlMs) {
      entries.delete(key);
      entries.set(key, { value, expiresAt: now() + ttlMs });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
      }
    },
    clear() {
      entries.clear();
    },
  };
}
