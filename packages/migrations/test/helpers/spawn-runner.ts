import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RUNNER = fileURLToPath(new URL('../fixtures/run-up.ts', import.meta.url));
const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A migrating child process and what it printed. */
export interface Runner {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
  /** Resolves when stdout contains `text`. */
  printed(text: string): Promise<void>;
}

/** Starts `run-up.ts` as a separate Node process against `url` and `dir`. */
export function startRunner(
  url: string,
  dir: string,
  options: { lockTimeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Runner {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@dalkit/source',
      '--import',
      'tsx',
      RUNNER,
      url,
      dir,
      String(options.lockTimeoutMs ?? 60_000),
    ],
    { cwd: PACKAGE_ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const runner: Runner = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1))),
    printed: (text) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (runner.stdout.includes(text)) resolve();
        };
        child.stdout?.on('data', check);
        child.on('exit', () =>
          runner.stdout.includes(text)
            ? resolve()
            : reject(new Error(`exited before printing ${text}: ${runner.stderr}`)),
        );
        check();
      }),
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    runner.stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    runner.stderr += chunk.toString();
  });
  return runner;
}
