import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway folder with a package.json, removed by `remove()`. */
export interface TempProject {
  readonly dir: string;
  /** Writes a file relative to the project. */
  write(path: string, content: string): Promise<void>;
  remove(): Promise<void>;
}

/** Creates a temporary Node project with the given package.json fields. */
export async function createTempProject(
  packageJson: Record<string, unknown> = { name: 'demo-app' },
): Promise<TempProject> {
  const dir = await mkdtemp(join(tmpdir(), 'dalkit-cli-'));
  const write = (path: string, content: string) => writeFile(join(dir, path), content);
  await write('package.json', `${JSON.stringify(packageJson, null, 2)}\n`);
  return { dir, write, remove: () => rm(dir, { recursive: true, force: true }) };
}
