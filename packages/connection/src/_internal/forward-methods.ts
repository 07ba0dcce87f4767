/**
 * Copies every method of `source` (own and inherited, except Object's) onto `target`, bound
 * to `source`, so a handle can expose an API object it does not know the full shape of.
 */
export function forwardMethods(target: object, source: object): void {
  const seen = new Set<string | symbol>();
  for (
    let proto: object | null = source;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const key of Reflect.ownKeys(proto)) {
      if (key === 'constructor' || seen.has(key)) continue;
      seen.add(key);
      const value = (source as Record<string | symbol, unknown>)[key];
      if (typeof value === 'function') {
        Object.defineProperty(target, key, { value: value.bind(source), enumerable: true });
      }
    }
  }
}
