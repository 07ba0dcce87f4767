import { DalkitError, ErrorCode, mapDatabaseError } from '@dalkit/connection';

/** A seed threw: its transaction was rolled back, so it wrote no rows and no history entry. */
export class SeedFailedError extends DalkitError {
  /** The name of the seed that failed. */
  readonly seed: string;
  constructor(seed: string, file: string | undefined, error: unknown) {
    const cause = mapDatabaseError(error);
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      ErrorCode.SEED_FAILED,
      `Seed "${seed}" failed: ${reason}. Its transaction was rolled back: no rows and no history entry were written.`,
      {
        cause,
        details: {
          seed,
          file,
          hint: 'Fix the seed named above and run it again; nothing of it was written.',
        },
      },
    );
    this.seed = seed;
  }
}
