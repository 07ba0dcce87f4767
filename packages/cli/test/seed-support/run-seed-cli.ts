import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SHIM = fileURLToPath(new URL('./dalkit.ts', import.meta.url));
const TSX_LOADER = pathToFileURL(
  fileURLToPath(new URL('../../../../node_modules/tsx/dist/loader.mjs', import.meta.url)),
).href;

/** What one run printed and returned. */
export interface SeedCliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout as the one JSON object `--json` promises. */
  json(): Record<string, unknown>;
}

/** Runs `dalkit …args` from source as a child process in `cwd`, with only PATH, HOME and `env`. */
export function runSeedCli(
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
): Promise<SeedCliRun> {
  const child = spawn(
    process.execPath,
    ['--conditions=@dalkit/source', '--import', TSX_LOADER, SHIM, ...args],
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
    child.once('close', (code) =>
      resolve({
        code,
        stdout,
        stderr,
        json() {
          const lines = stdout.split('\n').filter((l) => l.trim() !== '');
          if (lines.length !== 1)
            throw new Error(`expected one JSON line, got ${lines.length}:\n${stdout}\n${stderr}`);
          return JSON.parse(lines[0] as string) as Record<string, unknown>;
        },
      }),
    );
  });
}
