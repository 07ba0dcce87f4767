/** What a progress reporter is told when a long load starts. */
export interface ProgressStart {
  /** What is being loaded, e.g. the table name. */
  label: string;
  /** Rows expected, when known (enables the percentage and ETA). */
  total?: number;
}

/** One running load. */
export interface ProgressTask {
  /** `rows` more rows were written. */
  advance(rows: number): void;
  /** The load finished (successfully or not); the reporter prints its summary. */
  done(): void;
}

/** Reports the progress of bulk loads: a bar on a terminal, log lines elsewhere. */
export interface ProgressReporter {
  start(task: ProgressStart): ProgressTask;
}

/** A snapshot of a load, as reporters render it. */
export interface ProgressSnapshot {
  label: string;
  rows: number;
  total: number | undefined;
  elapsedMs: number;
  /** Rows per second since the start; 0 before any time has passed. */
  rowsPerSecond: number;
  /** Estimated milliseconds left; undefined without a total or a rate. */
  etaMs: number | undefined;
}

/** A clock in milliseconds, injectable so tests need no waiting. */
export type Clock = () => number;
