import { mapError } from './map-error.js';

/** Runs a repository operation and maps whatever it throws into the dalkit error hierarchy. */
export async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw mapError(error);
  }
}

/** A `.catch` handler: rethrows what it is given, mapped into the dalkit hierarchy. */
export function rethrowMapped(error: unknown): never {
  throw mapError(error);
}
