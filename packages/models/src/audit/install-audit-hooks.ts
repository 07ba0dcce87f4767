import type { Model, ModelStatic } from 'sequelize';
import { addHook } from '../_internal/add-hook.js';
import { currentActor } from './acting-user.js';

const CREATED_BY = 'createdBy';
const UPDATED_BY = 'updatedBy';

type Row = Model & { getDataValue(key: string): unknown; setDataValue(key: string, value: unknown): void };
interface FieldOptions {
  fields?: string[];
}

function addField(options: FieldOptions, field: string): void {
  if (Array.isArray(options.fields) && !options.fields.includes(field)) options.fields.push(field);
}

function stampCreated(row: Row, actor: string): void {
  if (row.getDataValue(CREATED_BY) == null) row.setDataValue(CREATED_BY, actor);
  if (row.getDataValue(UPDATED_BY) == null) row.setDataValue(UPDATED_BY, actor);
}

/** True when the model has the `createdBy` / `updatedBy` attributes of `AuditedModel`. */
export function hasAuditColumns(model: ModelStatic<Model>): boolean {
  return CREATED_BY in model.getAttributes() && UPDATED_BY in model.getAttributes();
}

/**
 * Fills `created_by` / `updated_by` from {@link currentActor} on create, instance update,
 * `bulkCreate` and `Model.update(values, { where })`; inside `runAs` an explicit `createdBy`
 * is kept. Outside `runAs` creates keep what they are given (null by default), and an update
 * that does not set `updatedBy` itself sets it to null: an unknown actor is never passed off
 * as the previous one.
 */
export function installAuditHooks(model: ModelStatic<Model>): void {
  if (!hasAuditColumns(model)) return;
  addHook(model, 'beforeCreate', 'dalkit:audit', (row: Row, options: FieldOptions) => {
    const actor = currentActor();
    if (actor === undefined) return;
    stampCreated(row, actor);
    addField(options, CREATED_BY);
    addField(options, UPDATED_BY);
  });
  addHook(model, 'beforeUpdate', 'dalkit:audit', (row: Row, options: FieldOptions) => {
    const actor = currentActor();
    if (actor === undefined && row.changed(UPDATED_BY as never)) return;
    row.setDataValue(UPDATED_BY, actor ?? null);
    addField(options, UPDATED_BY);
  });
  addHook(model, 'beforeBulkCreate', 'dalkit:audit', (rows: Row[], options: FieldOptions) => {
    const actor = currentActor();
    if (actor === undefined) return;
    for (const row of rows) stampCreated(row, actor);
    addField(options, CREATED_BY);
    addField(options, UPDATED_BY);
  });
  addHook(
    model,
    'beforeBulkUpdate',
    'dalkit:audit',
    (options: FieldOptions & { attributes?: Record<string, unknown> }) => {
      const actor = currentActor();
      if (!options.attributes || (actor === undefined && UPDATED_BY in options.attributes)) return;
      options.attributes[UPDATED_BY] = actor ?? null;
      addField(options, UPDATED_BY);
    },
  );
}
