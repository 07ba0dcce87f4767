import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { compactTimestamp } from '../../_internal/timestamp.js';
import type { DatabaseChoice } from './choose-database.js';
import type { ProjectInfo } from './detect-project.js';
import { configFile, DB_SCRIPTS, exampleMigration, exampleSeed, type ProjectLanguage } from './templates.js';

/** A file `dalkit init` writes, relative to the project root. */
export interface PlannedFile {
  readonly path: string;
  readonly content: string;
}

/** Everything `dalkit init` will do, computed before anything is written. */
export interface InitPlan {
  readonly language: ProjectLanguage;
  readonly files: readonly PlannedFile[];
  /** Folders that already had files and are left as they are (no example added). */
  readonly keptFolders: readonly string[];
  /** package.json scripts to set. */
  readonly scripts: Readonly<Record<string, string>>;
  /** What would be overwritten: refused unless `--force`. */
  readonly conflicts: readonly string[];
}

const CONFIG_NAMES = ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs', 'json'].map((ext) => `dalkit.config.${ext}`);

async function entries(folder: string): Promise<string[] | undefined> {
  try {
    return await readdir(folder);
  } catch {
    return undefined;
  }
}

/** Works out the files, scripts and conflicts for `dalkit init` without touching the disk. */
export async function planInit(project: ProjectInfo, choice: DatabaseChoice, now: Date): Promise<InitPlan> {
  const language: ProjectLanguage = project.typescript ? 'typescript' : 'javascript';
  const ext = language === 'typescript' ? 'ts' : project.esm ? 'js' : 'mjs';
  const rootEntries = (await entries(project.root)) ?? [];
  const conflicts = CONFIG_NAMES.filter((name) => rootEntries.includes(name));
  const files: PlannedFile[] = [{ path: `dalkit.config.${ext}`, content: configFile(choice, language) }];
  const keptFolders: string[] = [];
  const examples: Array<[string, string]> = [
    ['migrations', `${compactTimestamp(now)}_create_examples.${ext}`],
    ['seeds', `examples.${ext}`],
  ];
  for (const [folder, name] of examples) {
    const existing = await entries(join(project.root, folder));
    if (existing !== undefined && existing.length > 0) {
      keptFolders.push(folder);
      continue;
    }
    const content = folder === 'migrations' ? exampleMigration(language) : exampleSeed();
    files.push({ path: `${folder}/${name}`, content });
  }
  const current = (project.packageJson.scripts ?? {}) as Record<string, unknown>;
  for (const [name, command] of Object.entries(DB_SCRIPTS)) {
    if (name in current && current[name] !== command) conflicts.push(`package.json scripts.${name}`);
  }
  return Object.freeze({ language, files, keptFolders, scripts: DB_SCRIPTS, conflicts });
}
