import { pathToFileURL } from 'node:url';

/**
 * Imports a migration file: TypeScript through tsx's scoped loader (no build step, nothing
 * registered globally), JavaScript through the runtime's own `import()`.
 */
export async function importModule(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  if (/\.[mc]?ts$/.test(file)) {
    const { tsImport } = await import('tsx/esm/api');
    return (await tsImport(url, { parentURL: url })) as Record<string, unknown>;
  }
  return (await import(url)) as Record<string, unknown>;
}
