import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { QueryError } from '@dalkit/connection';
import { redactText } from '../output/redact-text.js';

/** How to run one client tool (pg_dump, pg_restore, mariadb-dump, mariadb). */
export interface ToolRun {
  /** Full path from {@link findExecutable}. */
  executable: string;
  args: readonly string[];
  /** The complete environment of the child (passwords go here, never into `args`). */
  env: Readonly<Record<string, string | undefined>>;
  /** A file to feed on stdin. */
  stdinFile?: string;
  /** A file to write stdout to. */
  stdoutFile?: string;
  /** Called with each stderr line (progress); the last lines are kept for the error message. */
  onStderrLine?: (line: string) => void;
  /** Secrets to mask in an error message. */
  secrets?: readonly (string | undefined)[];
}

const KEPT_LINES = 5;

/** Runs a client tool to completion; a non-zero exit is a QueryError quoting its last stderr lines. */
export async function runTool(run: ToolRun): Promise<void> {
  const tool = basename(run.executable);
  const child = spawn(run.executable, [...run.args], {
    env: run.env as NodeJS.ProcessEnv,
    stdio: [run.stdinFile ? 'pipe' : 'ignore', run.stdoutFile ? 'pipe' : 'ignore', 'pipe'],
  });
  const tail: string[] = [];
  const lines = createInterface({ input: child.stderr as NodeJS.ReadableStream });
  lines.on('line', (line) => {
    tail.push(line);
    if (tail.length > KEPT_LINES) tail.shift();
    run.onStderrLine?.(line);
  });
  if (run.stdinFile && child.stdin) createReadStream(run.stdinFile).pipe(child.stdin);
  const written = run.stdoutFile && child.stdout ? pipeTo(child.stdout, run.stdoutFile) : Promise.resolve();
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  await written;
  if (code !== 0) {
    const last =
      tail
        .filter((line) => line.trim() !== '')
        .slice(-2)
        .join(' / ') || 'no output';
    throw new QueryError(redactText(`${tool} failed (exit code ${code}): ${last}`, run.secrets ?? []), {
      details: { tool, exitCode: code, hint: `Run again with --verbose to see ${tool}'s output.` },
    });
  }
}

function pipeTo(stream: NodeJS.ReadableStream, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(path);
    stream.pipe(out);
    out.once('finish', resolve);
    out.once('error', reject);
    stream.once('error', reject);
  });
}
