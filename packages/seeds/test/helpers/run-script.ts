import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TSX_LOADER = pathToFileURL(
  fileURLToPath(new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url)),
).href;

/** What a script printed and how it exited. */
export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

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
  const child = spawn(
    process.execPath,
    ['--conditions=@dalkit/source', '--import', TSX_LOADER, file, ...args],
    {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
