import type { Database } from '@dalkit/connection';

/** What every route plugin receives. */
export interface RouteDeps {
  db: Database;
  /** HMAC secret of keyset cursors, shared by every instance of the service. */
  cursorSecret?: string;
}
