import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts', '.tsx']);
const JAVASCRIPT = new Set(['.js', '.mjs', '.cjs']);

type ScopedImport = (specifier: string, parent: string) => Promise<unknown>;

/** One tsx loader per tsconfig (each registration adds a loader hook, so each is made once). */
const loaders = new Map<string, Promise<ScopedImport>>();

function typescriptLoader(tsconfig: string | undefined): Promise<ScopedImport> {
  const key = tsconfig ?? '';
  let loader = loaders.get(key);
  if (!loader) {
    loader = import('tsx/esm/api').then(
      ({ register }) =>
        register({ namespace: `dalkit-import-module-${loaders.size}`, ...(tsconfig ? { tsconfig } : {}) })
          .import,
    );
    loaders.set(key, loader);
  }
  return loader;
}

/** The nearest `tsconfig.json` from the file's folder up: it decides decorators and module kind. */
function nearestTsconfig(file: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const candidate = join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * A `.ts` file outside a `"type": "module"` package is compiled to CommonJS, so its ES
 * exports arrive wrapped as `{ default: { __esModule: true, default, ...named } }`.
 */
function unwrapTranspiledCommonJs(namespace: Record<string, unknown>): Record<string, unknown> {
  const inner = namespace.default as Record<string, unknown> | undefined;
  return typeof inner === 'object' && inner !== null && inner.__esModule === true ? inner : namespace;
}

/** The file extensions {@link importModule} loads. */
export const IMPORTABLE_EXTENSIONS = Object.freeze(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json']);

/**
 * Loads a `.ts`/`.mts`/`.cts`/`.js`/`.mjs`/`.cjs`/`.json` file and returns its module namespace
 * (JSON: `{ default: parsed }`). TypeScript loads without a build step through tsx, compiled
 * with the nearest `tsconfig.json` above the file (so `experimentalDecorators` and friends
 * apply to models imported by a migration or seed).
 */
export async function importModule(path: string): Promise<Record<string, unknown>> {
  const absolute = resolve(path);
  const extension = extname(absolute);
  if (extension === '.json') {
    return { default: JSON.parse(await readFile(absolute, 'utf8')) as unknown };
  }
  const url = pathToFileURL(absolute).href;
  if (TYPESCRIPT.has(extension)) {
    const load = await typescriptLoader(nearestTsconfig(absolute));
    return unwrapTranspiledCommonJs((await load(url, url)) as Record<string, unknown>);
  }
  if (JAVASCRIPT.has(extension)) {
    return (await import(url)) as Record<string, unknown>;
  }
  throw new TypeError(`Cannot import ${absolute}: expected one of ${IMPORTABLE_EXTENSIONS.join(', ')}`);
}

/** The default export of a loaded module, or the namespace itself when it has none. */
export function defaultExport(namespace: Record<string, unknown>): unknown {
  return 'default' in namespace ? namespace.default : namespace;
}
