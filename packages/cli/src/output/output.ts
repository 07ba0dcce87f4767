import type { Writable } from 'node:stream';
import { type Colors, createColors, shouldUseColor } from './colors.js';
import type { ErrorReport } from './describe-error.js';
import { createProgress, type Progress } from './progress.js';
import { redactText } from './redact-text.js';

/** A stream the CLI writes to; `isTTY` decides colours and progress style. */
export type OutputStream = Writable & { isTTY?: boolean };

/** Where and how a command prints. Commands never write to `process.stdout` directly. */
export interface Output {
  /** Styles for human text (identity when colours are off). */
  readonly colors: Colors;
  /** True under `--json`: human text is suppressed and {@link Output.result} prints JSON. */
  readonly json: boolean;
  /** True under `--verbose`. */
  readonly verbose: boolean;
  /** A note for humans on stderr (suppressed by `--json` and `--quiet`). */
  note(text: string): void;
  /** A detail shown only under `--verbose`, on stderr. */
  debug(text: string): void;
  /** A warning on stderr (suppressed only by `--json`, where it belongs in the result). */
  warn(text: string): void;
  /**
   * The command's result: under `--json` exactly one JSON object on stdout; otherwise the
   * lines `human()` returns, on stdout (suppressed by `--quiet`). Call it once per command.
   */
  result(data: Record<string, unknown>, human: (colors: Colors) => string | readonly string[]): void;
  /** A progress indicator on stderr for a long operation. */
  progress(label: string): Progress;
  /** Prints a failure: JSON `{ ok: false, error }` under `--json`, else cause + hint (+ stack). */
  error(report: ErrorReport): void;
  /** Adds a secret (a password from the config) to mask in everything printed from now on. */
  addSecret(secret: string | undefined): void;
}

/** Options for {@link createOutput}. */
export interface OutputOptions {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  color: boolean;
}

/** Builds the {@link Output} for one run of the CLI from the global options. */
export function createOutput(options: OutputOptions): Output {
  const { stdout, stderr, json, quiet, verbose } = options;
  const colors = createColors(!json && shouldUseColor(stdout, options.env, options.color));
  const errColors = createColors(!json && shouldUseColor(stderr, options.env, options.color));
  const secrets: string[] = [];
  // Diagnostics carry driver and tool text, so every known secret is masked there. Results are
  // built by the commands from non-secret fields: only URL credentials are masked, so a
  // password that is also an ordinary word (`postgres`) does not garble them.
  const line = (stream: OutputStream, text: string) => stream.write(`${redactText(text, secrets)}\n`);
  const resultLine = (stream: OutputStream, text: string) => stream.write(`${redactText(text)}\n`);
  return {
    colors,
    json,
    verbose,
    note: (text) => {
      if (!json && !quiet) line(stderr, text);
    },
    debug: (text) => {
      if (verbose && !json) line(stderr, errColors.dim(text));
    },
    warn: (text) => {
      if (!json) line(stderr, `${errColors.yellow('warning:')} ${text}`);
    },
    result(data, human) {
      if (json) {
        resultLine(stdout, JSON.stringify({ ok: true, ...data }));
        return;
      }
      if (quiet) return;
      const text = human(colors);
      for (const row of typeof text === 'string' ? [text] : text) resultLine(stdout, row);
    },
    progress: (label) => createProgress({ stream: stderr, label, silent: json || quiet }),
    error(report) {
      if (json) {
        const error = { code: report.code, message: report.message, hint: report.hint };
        line(stdout, JSON.stringify({ ok: false, error, ...(verbose ? { stack: report.stack } : {}) }));
        return;
      }
      line(stderr, `${errColors.red('error:')} ${report.message} ${errColors.dim(`[${report.code}]`)}`);
      if (report.hint) line(stderr, `${errColors.cyan('hint:')} ${report.hint}`);
      if (verbose) line(stderr, errColors.dim(report.stack));
    },
    addSecret(secret) {
      if (secret) secrets.push(secret);
    },
  };
}
