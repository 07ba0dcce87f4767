import { defineConfig } from '@dalkit/connection';

// Found from the working directory up (or passed by path). Environment variables and explicit
// options override it; the block named by NODE_ENV is laid over the base keys.
export default defineConfig({
  pool: { max: 10, acquireTimeoutMs: 5_000 },
  retry: { maxAttempts: 5, deadlineMs: 15_000 },
  logging: { slowQueryMs: 500 },
  development: { url: 'pglite://./.data/dev' },
  test: { url: 'pglite://memory', logging: { level: 'warn' } },
  production: { ssl: { mode: 'verify-full', ca: '/etc/ssl/certs/db-ca.pem' }, pool: { max: 20 } },
});
