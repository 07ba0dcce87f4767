import { ConfigError } from '@dalkit/connection';
import type { Model, ModelStatic } from 'sequelize';
import { installHooks, type ModelCtor, resolveScopes } from 'sequelize-typescript';
import { assertAssociationsResolvable, associateModels } from './_internal/associate-models.js';
import { defineModel } from './_internal/define-model.js';
import { finalizeModel } from './_internal/finalize-model.js';
import { installVersionHooks } from './_internal/install-version-hooks.js';
import { type DatabaseLike, resolveSequelize } from './_internal/resolve-sequelize.js';
import { tableName } from './_internal/table-name.js';
import { installAuditHooks } from './audit/install-audit-hooks.js';
import { installCheckHooks } from './constraints/install-check-hooks.js';
import { getEncryptedDefinitions } from './encryption/encrypted.js';
import { bindEncryptedColumns } from './encryption/encryption-binding.js';
import { installEncryptionHooks } from './encryption/install-encryption-hooks.js';
import { createKeyRing, type KeyRing, type KeyRingConfig } from './encryption/key-ring.js';
import { installValidationHooks } from './validation/install-validation-hooks.js';

/** Options of {@link registerModels}. */
export interface RegisterModelsOptions {
  /** The key ring for `@Encrypted` attributes (required when a model has one). */
  encryption?: KeyRing | KeyRingConfig;
}

function isKeyRing(value: KeyRing | KeyRingConfig): value is KeyRing {
  return typeof (value as KeyRing).encrypt === 'function';
}

function keyRingFor(
  models: readonly ModelCtor[],
  option: KeyRing | KeyRingConfig | undefined,
): KeyRing | undefined {
  const encrypted = models.find((m) => getEncryptedDefinitions(m.prototype).length > 0);
  if (encrypted && !option) {
    throw new ConfigError([
      {
        key: 'encryption',
        source: 'registerModels options',
        expected: `a key ring: ${encrypted.name} has encrypted attributes`,
      },
    ]);
  }
  return option && (isKeyRing(option) ? option : createKeyRing(option));
}

function bindEncryption(model: ModelStatic<Model>, ring: KeyRing | undefined): void {
  const definitions = getEncryptedDefinitions(model.prototype);
  if (definitions.length === 0 || !ring) return;
  const table = tableName(model);
  const attributes = model.getAttributes() as Record<string, { field?: string }>;
  bindEncryptedColumns(
    model,
    definitions.map((d) => ({
      ...d,
      ring,
      context: `${table}.${attributes[d.attribute]?.field ?? d.attribute}`,
    })),
  );
}

/**
 * Registers decorated model classes on a database: initializes them with dalkit's naming
 * settings (`underscored`, so camelCase properties map to snake_case columns; timestamps only
 * where declared), sets up their associations, applies declared foreign keys and indexes,
 * and installs the hooks for audit columns, `@Rules` validation, optimistic locking, CHECK
 * constraints and encrypted columns. Register every related model in one call.
 *
 * A model class belongs to one Sequelize instance at a time (a Sequelize 6 rule): registering
 * it again moves it.
 * @example registerModels(db, [Author, Book], { encryption: { keys: { k1: KEY }, activeKeyId: 'k1' } });
 */
export function registerModels<const T extends readonly ModelCtor[]>(
  db: DatabaseLike,
  models: T,
  options: RegisterModelsOptions = {},
): T {
  const sequelize = resolveSequelize(db);
  const ring = keyRingFor(models, options.encryption);
  assertAssociationsResolvable(sequelize, models);
  for (const model of models) defineModel(sequelize, model);
  associateModels(sequelize, models);
  resolveScopes([...models]);
  installHooks([...models]);
  for (const model of models as unknown as ModelStatic<Model>[]) {
    finalizeModel(model);
    bindEncryption(model, ring);
    installAuditHooks(model);
    installValidationHooks(model);
    installVersionHooks(model);
    installCheckHooks(model);
    installEncryptionHooks(model);
  }
  return models;
}
