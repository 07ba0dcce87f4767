import { fileURLToPath, pathToFileURL } from 'node:url';
import { type NodeRun, runNode } from '@dalkit/testing';

const TSX_LOADER = pathToFileURL(
  fileURLToPath(new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url)),
).href;

/** What a script printed and how it exited. */
export type ScriptRun = NodeRun;

/**
 * Runs a TypeScript file as a child process, from source (`@dalkit/source` condition) through
 * tsx, with only PATH, HOME and `env` in its environment.
 */
export function runScript(
  file: string,
  args: readonly string[],
  env: Record<string, string>,
  cwd?: string,
): Promise<ScriptRun> {
  return runNode(['--conditions=@dalkit/source', '--import', TSX_LOADER, file, ...args], { env, cwd });
}
