import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { ResolvedDatabaseConfig } from '../config/schema.js';
import { ConfigError } from '../errors/errors.js';

function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(
      [
        {
          key: 'ssl.ca',
          source: 'resolved configuration',
          expected: 'a readable PEM file',
          received: JSON.stringify(path),
        },
      ],
      { cause },
    );
  }
}

/**
 * The TLS options handed to the driver for an `sslmode`, with libpq's meanings:
 * `disable` → no TLS; `require` → TLS without certificate checks; `verify-ca` → the server
 * certificate must chain to the CA, any host name; `verify-full` → CA and host name checked.
 * A CA file (`ssl.ca`) is read once, here (not at all with `disable`).
 */
export function sslOptions(ssl: ResolvedDatabaseConfig['ssl']): false | ConnectionOptions {
  if (ssl.mode === 'disable') return false;
  const ca = ssl.ca === undefined ? undefined : readCa(ssl.ca);
  switch (ssl.mode) {
    case 'require':
      return { rejectUnauthorized: false, ...(ca ? { ca } : {}) };
    case 'verify-ca':
      return { rejectUnauthorized: true, checkServerIdentity: () => undefined, ...(ca ? { ca } : {}) };
    case 'verify-full':
      return { rejectUnauthorized: true, ...(ca ? { ca } : {}) };
  }
}
