export type { CreateTestDatabaseOptions, TestDatabase } from './create-test-database.js';
export { createTestDatabase } from './create-test-database.js';
export { embeddedTemplate, embeddedTemplatePath } from './embedded-template.js';
export type { NodeRun, RunNodeOptions } from './run-node.js';
export { runNode } from './run-node.js';
export { availableTargets, serverTargets, TARGET_URL_VARIABLE, TestTarget } from './targets.js';
