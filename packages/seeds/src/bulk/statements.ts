/** What happens to a row whose natural key already exists. */
export type WriteMode = 'insert' | 'upsert' | 'insertMissing';

// The statement limits are @dalkit/connection's, re-exported as part of this package's API.
export { MAX_BIND_PARAMETERS, maxRowsPerValuesStatement } from '@dalkit/connection';
