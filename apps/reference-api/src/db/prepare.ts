import type { Database } from '../_pending/connection.js';
import { configureEncryption, registerModels } from '../_pending/models.js';
import type { AppConfig } from '../config.js';
import { MODELS } from '../models.js';

/** Installs the key ring and registers every model on the handle's Sequelize instance. */
export function prepareDatabase(db: Database, config: Pick<AppConfig, 'encryption' | 'blindIndexKey'>): void {
  configureEncryption({ ...config.encryption, blindIndexKey: config.blindIndexKey });
  registerModels(db.sequelize, MODELS);
}
