import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Vitest global setup: builds @dalkit/cli and every workspace package it depends on (turbo caches). */
export default function buildOnce(): void {
  execFileSync('pnpm', ['turbo', 'run', 'build', '--filter=@dalkit/cli...', '--output-logs=errors-only'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
    timeout: 600_000,
  });
}
