import { join } from 'node:path';
import { type NodeRun, type RunNodeOptions, runNode } from '@dalkit/testing';
import { inject } from 'vitest';

/** The built binary under test (a copy made by the global setup). */
export function dalkitBin(): string {
  return join(inject('dalkitBuild'), 'cli', 'dist', 'bin.js');
}

/** What one run of the binary printed and returned. */
export interface DalkitRun extends NodeRun {
  /** stdout parsed as the one JSON object `--json` promises (throws when it is not exactly one). */
  json(): Record<string, unknown>;
}

/** Options of {@link runDalkit}: those of `runNode`, with a required working directory. */
export type RunDalkitOptions = RunNodeOptions & { cwd: string };

/** Runs `node dist/bin.js …args` as a child process, like a user would, and collects its output. */
export async function runDalkit(args: readonly string[], options: RunDalkitOptions): Promise<DalkitRun> {
  const run = await runNode([dalkitBin(), ...args], options);
  return {
    ...run,
    json() {
      const lines = run.stdout.split('\n').filter((line) => line.trim() !== '');
      if (lines.length !== 1)
        throw new Error(
          `expected one JSON line on stdout, got ${lines.length}:\n${run.stdout}\n${run.stderr}`,
        );
      return JSON.parse(lines[0] as string) as Record<string, unknown>;
    },
  };
}
