import { isDalkitError } from '@dalkit/connection';
import { CommanderError } from 'commander';
import { ExitCode } from '../exit-code.js';
import { hintFor } from './hints.js';
import { redactText } from './redact-text.js';

/** An error reduced to what the CLI prints: one line of cause, a hint, and the exit code. */
export interface ErrorReport {
  /** The dalkit error code, `USAGE` for command-line mistakes, or `INTERNAL` for bugs. */
  code: string;
  /** One line, secrets masked. */
  message: string;
  /** What to do next, when we know. */
  hint?: string;
  /** The stack with every cause, secrets masked (printed only under `--verbose`). */
  stack: string;
  exitCode: ExitCode;
}

function stackWithCauses(error: unknown, secrets: readonly (string | undefined)[]): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    const text = current instanceof Error ? (current.stack ?? current.message) : String(current);
    parts.push(depth === 0 ? text : `Caused by: ${text}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return redactText(parts.join('\n'), secrets);
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '') ?? text;
}

/** Turns anything thrown by a command into the {@link ErrorReport} the CLI prints. */
export function describeError(error: unknown, secrets: readonly (string | undefined)[] = []): ErrorReport {
  const stack = stackWithCauses(error, secrets);
  if (error instanceof CommanderError) {
    const message = error.message.replace(/^error: /, '').replace(/\n/g, ' ');
    return { code: 'USAGE', message, hint: hintFor('USAGE'), stack, exitCode: ExitCode.USAGE };
  }
  if (isDalkitError(error)) {
    const detailHint = typeof error.details.hint === 'string' ? error.details.hint : undefined;
    const usage = error.code === 'VALIDATION_FAILED' && error.details.usage === true;
    return {
      code: error.code,
      message: redactText(firstLine(error.message), secrets),
      hint: detailHint ?? hintFor(error.code),
      stack,
      exitCode: usage ? ExitCode.USAGE : ExitCode.FAILURE,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'INTERNAL',
    message: redactText(firstLine(message), secrets),
    hint: hintFor('INTERNAL'),
    stack,
    exitCode: ExitCode.FAILURE,
  };
}
