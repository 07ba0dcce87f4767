import { describeEachTarget } from '@dalkit/testing/vitest';
import { expect, it } from 'vitest';
import { fromConfigFile } from '../examples/load-config.js';
import { slowQueries } from '../examples/logging.js';
import { quickStart } from '../examples/quick-start.js';
import { waitThenCheck } from '../examples/retry-and-health.js';
import { recordingLogger } from './support/log-recorder.js';

describeEachTarget('README examples', (suite) => {
  it('quick-start.ts', async () => {
    expect(await quickStart(suite.database.url)).toEqual(['answer: 42', 'healthy: true, pool max: 1']);
  });

  it('load-config.ts with config/dalkit.config.ts', async () => {
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: suite.database.url,
      DB_SSL_MODE: 'disable',
      DB_POOL_MAX: '1',
    };
    expect(await fromConfigFile(env)).toEqual(['pool max: 1', 'slow query ms: 500', 'ok: 1']);
  });

  it('logging.ts', async () => {
    const logger = recordingLogger();
    await slowQueries(suite.database.url, logger);
    const slow = logger.lines.find((l) => l.msg.startsWith('slow query'));
    expect(slow?.obj.sql).toMatch(/'\?' AS email$/);
  });

  it('retry-and-health.ts', async () => {
    expect(await waitThenCheck(suite.database.url)).toEqual(['ok: true', 'latency measured: true']);
  });
});
