import type { Database } from '@dalkit/connection';
import { registerModels } from '@dalkit/models';
import type { AppConfig } from '../config.js';
import { MODELS } from '../models.js';

/** Registers every model on the handle, with the key ring for encrypted columns. */
export function prepareDatabase(db: Database, config: Pick<AppConfig, 'encryption' | 'blindIndexKey'>): void {
  registerModels(db, MODELS, {
    encryption: { ...config.encryption, blindIndexKey: config.blindIndexKey },
  });
}
