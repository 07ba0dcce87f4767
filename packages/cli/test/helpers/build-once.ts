import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Vitest global setup: builds @dalkit/cli and the workspace packages it needs at run time
 * (production dependencies only, in dependency order), so the tests run the real binary.
 */
export default function buildOnce(): void {
  execFileSync('pnpm', ['--filter-prod', '@dalkit/cli...', 'run', 'build'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 600_000,
  });
}
