import { ValidationError } from '@dalkit/connection';

/**
 * A command-line mistake found by a command itself (a bad flag value, a missing answer):
 * a ValidationError naming the flag, which the CLI reports with exit code 2.
 */
export function usageError(flag: string, message: string): ValidationError {
  return new ValidationError([{ path: flag, rule: 'usage', message }], {
    message,
    details: { usage: true },
  });
}
