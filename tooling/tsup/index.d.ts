import type { Options } from 'tsup';
/** The dalkit build preset: ESM + CJS + `.d.ts`/`.d.cts`, sourcemaps, Node 20 target. */
export declare function defineDalkitTsup(overrides?: Options): ReturnType<typeof import('tsup').defineConfig>;
