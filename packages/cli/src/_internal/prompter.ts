import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/** Asks questions on a stream and reads one answer line each. */
export interface Prompter {
  /** Asks `question`; an empty answer (or end of input) gives `fallback`. */
  ask(question: string, fallback: string): Promise<string>;
  /** Stops reading the input. */
  close(): void;
}

/**
 * A prompter over `input` (a terminal or a pipe: `printf 'postgres\n...' | dalkit init`).
 * Lines are buffered as they arrive, so answers piped before a question is shown are kept.
 * Questions go to `output` (stderr), keeping stdout for the result.
 */
export function createPrompter(input: Readable, output: Writable): Prompter {
  const lines = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  const iterator = lines[Symbol.asyncIterator]();
  let ended = false;
  return {
    async ask(question, fallback) {
      output.write(`${question}${fallback ? ` (${fallback})` : ''}: `);
      if (ended) {
        output.write('\n');
        return fallback;
      }
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        output.write('\n');
        return fallback;
      }
      const answer = next.value.trim();
      // A piped answer is not echoed (it may hold a password); end the question's line.
      if (!(input as { isTTY?: boolean }).isTTY) output.write('\n');
      return answer === '' ? fallback : answer;
    },
    close() {
      lines.close();
    },
  };
}
