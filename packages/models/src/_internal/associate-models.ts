import { ConfigError } from '@dalkit/connection';
import type { Model, ModelStatic, Sequelize } from 'sequelize';
import { getAssociations, getModelName, type ModelCtor } from 'sequelize-typescript';

type ModelLookup = Sequelize & { model(model: string | ModelCtor): ModelStatic<Model> };

/**
 * Throws a `ConfigError`, before anything is changed, when a model is associated with a model
 * that is neither among `models` nor already registered on `sequelize`.
 */
export function assertAssociationsResolvable(sequelize: Sequelize, models: readonly ModelCtor[]): void {
  const registering = new Set<unknown>(models);
  for (const model of models) {
    for (const association of getAssociations(model.prototype) ?? []) {
      const target = association.getAssociatedClass() as ModelCtor;
      if (registering.has(target) || sequelize.isDefined(getModelName(target.prototype))) continue;
      throw new ConfigError([
        {
          key: `${model.name} associations`,
          source: 'registerModels',
          expected: `${target.name} registered in the same call (register related models together)`,
        },
      ]);
    }
  }
}

/**
 * Sets up the `@HasOne` / `@HasMany` / `@BelongsTo` / `@BelongsToMany` associations of the
 * models, as sequelize-typescript's `addModels` does, on a plain Sequelize instance.
 */
export function associateModels(sequelize: Sequelize, models: readonly ModelCtor[]): void {
  const lookup = Object.create(sequelize, {
    model: {
      value: (model: string | ModelCtor) =>
        sequelize.model(typeof model === 'string' ? model : getModelName(model.prototype)),
    },
  }) as ModelLookup;
  for (const model of models) {
    for (const association of getAssociations(model.prototype) ?? []) {
      const options = association.getSequelizeOptions(model, lookup as never);
      const target = lookup.model(association.getAssociatedClass() as ModelCtor);
      const method = association.getAssociation() as 'hasMany';
      (model as unknown as Record<string, (t: unknown, o: unknown) => void>)[method]?.(target, options);
    }
  }
}
