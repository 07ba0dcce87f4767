import type { Readable } from 'node:stream';
import { DEFAULT_GLOBAL_OPTIONS, type GlobalOptions } from './global-options.js';
import { createOutput, type Output, type OutputStream } from './output/output.js';

/** The process surroundings a run of the CLI uses; tests pass their own. */
export interface CliIO {
  stdin: Readable & { isTTY?: boolean };
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
  /** The directory commands act in (where `dalkit.config.*` and package.json are looked up). */
  cwd: string;
}

/**
 * What every command gets besides its own options: the global options, the output helpers
 * and the process surroundings. Read `globals` and `output` inside an action, never at
 * registration time (global flags are parsed by then).
 */
export interface CliContext {
  readonly io: CliIO;
  /** The version of @dalkit/cli. */
  readonly version: string;
  /** The parsed global options (`--json`, `--env`, …). */
  readonly globals: Readonly<GlobalOptions>;
  /** Printing for this run, configured from the global options. */
  readonly output: Output;
  /** The environment the command acts as: `--env`, else DALKIT_ENV, else NODE_ENV, else `development`. */
  readonly environment: string;
  /** Sets the exit code without throwing (a command that reports a problem as its result). */
  setExitCode(code: number): void;
  /** The exit code set so far. */
  readonly exitCode: number;
}

/** A context whose globals can be replaced once parsing is done (see `createProgram`). */
export interface MutableCliContext extends CliContext {
  applyGlobals(globals: GlobalOptions): void;
}

/** Creates the context for one run; `applyGlobals` is called once the flags are parsed. */
export function createCliContext(io: CliIO, version: string): MutableCliContext {
  let globals: GlobalOptions = { ...DEFAULT_GLOBAL_OPTIONS };
  let output: Output | undefined;
  let exitCode = 0;
  return {
    io,
    version,
    get globals() {
      return globals;
    },
    get output() {
      output ??= createOutput({ ...globals, stdout: io.stdout, stderr: io.stderr, env: io.env });
      return output;
    },
    get environment() {
      return globals.env ?? io.env.DALKIT_ENV ?? io.env.NODE_ENV ?? 'development';
    },
    setExitCode(code) {
      exitCode = Math.max(exitCode, code);
    },
    get exitCode() {
      return exitCode;
    },
    applyGlobals(next) {
      globals = { ...next };
      output = undefined;
    },
  };
}
