import { usageError } from './usage-error.js';

/** A commander option parser accepting a positive integer, else a usage error naming the flag. */
export function parsePositiveInt(flag: string): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed) || parsed <= 0) {
      throw usageError(flag, `${flag} must be a positive integer (got "${value}")`);
    }
    return parsed;
  };
}
