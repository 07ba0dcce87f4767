import 'reflect-metadata';
import { isDalkitError } from '@dalkit/connection';
import { loadConfig } from './config.js';
import { createLogger, handleShutdownSignals, startServer } from './server.js';

/** Entry point: `node dist/main.js` (see the README for the environment variables). */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(isDalkitError(error) ? error.message : error);
    process.exit(2);
  }
  const logger = createLogger(config);
  try {
    const server = await startServer(config, logger);
    handleShutdownSignals(server, { timeoutMs: config.shutdownTimeoutMs });
    console.log(`\n  dalkit reference API listening on ${server.url}  (OpenAPI: ${server.url}/docs)\n`);
  } catch (error) {
    logger.fatal({ err: error }, 'failed to start');
    process.exit(1);
  }
}

void main();
