import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, defaultExport, importModule, ValidationError } from '@dalkit/connection';
import type { SeedDefinition } from './types.js';
import { validateSeed } from './validate-seed.js';

/** A seed ready to run: its definition, where it came from and its checksum. */
export interface LoadedSeed extends SeedDefinition {
  /** The file it was loaded from; undefined for seeds given in code. */
  readonly file: string | undefined;
  /** SHA-256 of the file (or, for seeds given in code, of the definition). */
  readonly checksum: string;
}

const SEED_FILE = /^[^_.].*(?<!\.d)\.(ts|mts|cts|js|mjs|cjs)$/;
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]s$/;

function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

function assertUniqueNames(seeds: readonly LoadedSeed[]): void {
  const seen = new Map<string, string>();
  for (const seed of seeds) {
    const other = seen.get(seed.name);
    if (other !== undefined) {
      throw new ValidationError([
        {
          path: seed.file ?? seed.name,
          rule: 'unique',
          message: `Seed name "${seed.name}" is used twice (${other} and ${seed.file ?? 'code'})`,
        },
      ]);
    }
    seen.set(seed.name, seed.file ?? 'code');
  }
}

async function seedFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && SEED_FILE.test(e.name) && !TEST_FILE.test(e.name))
      .map((e) => path.join(dir, e.name))
      .sort();
  } catch (error) {
    throw new ConfigError(
      [{ key: 'seeds', source: 'options', expected: 'a readable directory of seed files', received: dir }],
      {
        cause: error,
      },
    );
  }
}

async function loadFile(file: string): Promise<LoadedSeed> {
  const [content, mod] = await Promise.all([readFile(file), importModule(file)]);
  const candidate = defaultExport(mod);
  const exported = typeof candidate === 'object' && candidate !== null ? candidate : mod;
  const raw = { name: path.basename(file).replace(/\.[^.]+$/, ''), ...(exported as object) };
  const where = path.relative(process.cwd(), file) || file;
  return Object.freeze({ ...validateSeed(raw, where), file, checksum: sha256(content) });
}

/**
 * Loads every seed file of `dir` (`.ts`, `.mts`, `.cts`, `.js`, `.mjs`, `.cjs`; files starting
 * with `_` or `.`, declaration and test files are skipped), sorted by file name. A file
 * exports `default defineSeed({...})` or the fields by name; `name` defaults to the file name.
 */
export async function loadSeeds(dir: string): Promise<LoadedSeed[]> {
  const files = await seedFiles(path.resolve(dir));
  const seeds = await Promise.all(files.map(loadFile));
  assertUniqueNames(seeds);
  return seeds;
}

/** Seeds given in code rather than files; the checksum covers the definition and its `run` source. */
export function fromDefinitions(definitions: readonly SeedDefinition[]): LoadedSeed[] {
  const seeds = definitions.map((definition, i) => {
    const seed = validateSeed(definition, `seeds[${i}]`);
    const { run, ...meta } = seed;
    return Object.freeze({
      ...seed,
      file: undefined,
      checksum: sha256(JSON.stringify(meta) + run.toString()),
    });
  });
  assertUniqueNames(seeds);
  return seeds;
}
