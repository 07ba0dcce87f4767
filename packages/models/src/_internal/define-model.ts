import { ConfigError } from '@dalkit/connection';
import type { ModelAttributeColumnOptions, ModelOptions, Sequelize } from 'sequelize';
import {
  DataType,
  getAttributes,
  getIndexes,
  getModelName,
  getOptions,
  type ModelCtor,
} from 'sequelize-typescript';
import { getEncryptedDefinitions } from '../encryption/encrypted.js';
import { encryptedAccessors } from '../encryption/encrypted-accessors.js';
import { getForeignKeyDefinitions, resolveTarget } from '../relations/foreign-key-column.js';
import { getRules } from '../validation/rules.js';

type Attributes = Record<string, ModelAttributeColumnOptions>;

function primaryKeyType(target: { prototype: object; name: string }): ModelAttributeColumnOptions['type'] {
  const attributes = (getAttributes(target.prototype) ?? {}) as Attributes;
  const pk = Object.values(attributes).find((a) => a.primaryKey);
  if (!pk)
    throw new ConfigError([{ key: `${target.name}.id`, source: 'model', expected: 'a primary key column' }]);
  const type = pk.type as { key?: string };
  return type.key === 'BIGINT' ? DataType.BIGINT : pk.type;
}

function missingColumn(model: string, attribute: string, what: string): ConfigError {
  return new ConfigError([
    { key: `${model}.${attribute}`, source: 'model decorators', expected: `a @Column for the ${what}` },
  ]);
}

/** The model's decorator attributes with dalkit's declarations applied (NOT NULL, FK types, encryption). */
function prepareAttributes(model: ModelCtor): Attributes {
  const prototype = model.prototype;
  const attributes = { ...((getAttributes(prototype) ?? {}) as Attributes) };
  for (const [attribute, rules] of Object.entries(getRules(prototype))) {
    const column = attributes[attribute];
    if (!column) throw missingColumn(model.name, attribute, '@Rules attribute');
    if (rules.required) attributes[attribute] = { ...column, allowNull: false };
  }
  for (const fk of getForeignKeyDefinitions(prototype)) {
    const column = attributes[fk.attribute];
    if (!column) throw missingColumn(model.name, fk.attribute, 'foreign key');
    attributes[fk.attribute] = {
      ...column,
      type: primaryKeyType(resolveTarget(fk)),
      allowNull: fk.allowNull,
      ...(fk.unique ? { unique: true } : {}),
    };
  }
  for (const encrypted of getEncryptedDefinitions(prototype)) {
    const column = attributes[encrypted.attribute];
    if (!column) throw missingColumn(model.name, encrypted.attribute, 'encrypted attribute');
    attributes[encrypted.attribute] = { ...column, ...encryptedAccessors(encrypted) };
  }
  return attributes;
}

/** The `@Table` options with dalkit's defaults: underscored names, timestamps only when declared. */
function prepareOptions(model: ModelCtor): ModelOptions {
  const options = getOptions(model.prototype);
  if (!options) {
    throw new ConfigError([
      { key: model.name, source: 'model decorators', expected: 'a @Table decorator on the class' },
    ]);
  }
  const indexes = getIndexes(model.prototype);
  const indexArray = [...Object.values(indexes.named), ...indexes.unnamed];
  const timestamps = options.timestamps ?? Boolean(options.paranoid);
  const auto =
    options.timestamps === undefined && options.paranoid ? { createdAt: false, updatedAt: false } : {};
  return {
    underscored: true,
    ...auto,
    ...(indexArray.length > 0 ? { indexes: indexArray } : {}),
    ...options,
    timestamps,
  } as ModelOptions;
}

/** Initializes one decorated model class on `sequelize`, as sequelize-typescript's `addModels` does. */
export function defineModel(sequelize: Sequelize, model: ModelCtor): void {
  const attributes = prepareAttributes(model);
  const options = prepareOptions(model);
  (model as unknown as { initialize(a: Attributes, o: object): void }).initialize(attributes, {
    ...options,
    modelName: getModelName(model.prototype),
    sequelize,
  });
}
