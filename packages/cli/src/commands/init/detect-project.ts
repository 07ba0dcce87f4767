import { access, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ConfigError } from '@dalkit/connection';

/** What `dalkit init` needs to know about the project it runs in. */
export interface ProjectInfo {
  readonly root: string;
  /** The package name, for a default database name. */
  readonly name: string;
  /** The parsed package.json. */
  readonly packageJson: Record<string, unknown>;
  /** The raw text, to keep its indentation when writing it back. */
  readonly packageJsonText: string;
  /** True when the project has a tsconfig.json or depends on typescript. */
  readonly typescript: boolean;
  /** True when package.json says `"type": "module"`. */
  readonly esm: boolean;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function dependsOn(packageJson: Record<string, unknown>, name: string): boolean {
  return ['dependencies', 'devDependencies', 'peerDependencies'].some((field) => {
    const deps = packageJson[field];
    return typeof deps === 'object' && deps !== null && name in deps;
  });
}

/** Reads the Node project at `root`; a folder without package.json is a ConfigError saying so. */
export async function detectProject(root: string): Promise<ProjectInfo> {
  const path = join(root, 'package.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(
      [{ key: 'package.json', source: root, expected: 'a Node project (run `npm init -y` first)' }],
      {
        cause,
        details: {
          hint: 'Run `dalkit init` in the folder of an existing Node project (one with a package.json).',
        },
      },
    );
  }
  let packageJson: Record<string, unknown>;
  try {
    packageJson = JSON.parse(text) as Record<string, unknown>;
  } catch (cause) {
    throw new ConfigError([{ key: 'package.json', source: path, expected: 'valid JSON' }], { cause });
  }
  const name = typeof packageJson.name === 'string' ? packageJson.name : basename(root);
  return Object.freeze({
    root,
    name,
    packageJson,
    packageJsonText: text,
    typescript: (await exists(join(root, 'tsconfig.json'))) || dependsOn(packageJson, 'typescript'),
    esm: packageJson.type === 'module',
  });
}
