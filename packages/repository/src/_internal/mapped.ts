import { mapError } from './map-error.js';

/** Runs a repository operation and maps whatever it throws into the dalkit error hierarchy. */
export async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw mapError(error);
  }
}
