import { type Model, type ModelStatic, Op, type WhereOptions } from 'sequelize';
import { addHook } from '../_internal/add-hook.js';
import { addHookWriteValues, installHookWriteValues } from '../_internal/hook-write-values.js';
import { currentActor } from './acting-user.js';

const CREATED_BY = 'createdBy';
const UPDATED_BY = 'updatedBy';

type Row = Model & { getDataValue(key: string): unknown; setDataValue(key: string, value: unknown): void };
interface FieldOptions {
  fields?: string[];
}
interface DestroyOptions extends FieldOptions {
  force?: boolean;
}
interface TimestampedModel {
  _timestampAttributes: { updatedAt?: string | false; deletedAt?: string | false };
}

function addField(options: FieldOptions, field: string): void {
  if (Array.isArray(options.fields) && !options.fields.includes(field)) options.fields.push(field);
}

function stampCreated(row: Row, actor: string): void {
  if (row.getDataValue(CREATED_BY) == null) row.setDataValue(CREATED_BY, actor);
  if (row.getDataValue(UPDATED_BY) == null) row.setDataValue(UPDATED_BY, actor);
}

/** Inside `runAs` sets `updatedBy` to the actor; outside it to null, unless the caller changed it. */
function stampUpdated(row: Row, options: FieldOptions): void {
  const actor = currentActor();
  if (actor === undefined && row.changed(UPDATED_BY as never)) return;
  row.setDataValue(UPDATED_BY, actor ?? null);
  row.changed(UPDATED_BY as never, true); // written even when the instance held that value already
  addField(options, UPDATED_BY);
}

/** Column name of an attribute of `model`. */
function column(model: ModelStatic<Model>, attribute: string): string {
  return model.getAttributes()[attribute as never]?.field ?? attribute;
}

/** The `deletedAt` attribute of a paranoid model (soft delete), else undefined. */
function deletedAtAttribute(model: ModelStatic<Model>): string | undefined {
  return (model as unknown as TimestampedModel)._timestampAttributes.deletedAt || undefined;
}

/** `where` narrowed to soft-deleted rows, by column name (hooks see column names). */
function onlyDeleted(
  model: ModelStatic<Model>,
  deletedAt: string,
  where: WhereOptions | undefined,
): WhereOptions {
  const deleted = { [column(model, deletedAt)]: { [Op.ne]: null } };
  return where ? { [Op.and]: [where, deleted] } : deleted;
}

/** `updated_by` (the actor, or null outside `runAs`) and `updated_at` (now), by column name. */
function updateStamp(model: ModelStatic<Model>): Record<string, unknown> {
  const stamp: Record<string, unknown> = { [column(model, UPDATED_BY)]: currentActor() ?? null };
  const updatedAt = (model as unknown as TimestampedModel)._timestampAttributes.updatedAt;
  if (updatedAt) stamp[column(model, updatedAt)] = new Date();
  return stamp;
}

/**
 * The audit values of `Model.upsert(values)`: the INSERT gets `created_by` and `updated_by`,
 * a conflict updates `updated_by` only. Values the caller gave win.
 */
function upsertStamp(model: ModelStatic<Model>, values: Record<string, unknown>) {
  const actor = currentActor();
  const updatedBy = { [column(model, UPDATED_BY)]: values[UPDATED_BY] ?? actor ?? null };
  const createdBy =
    actor === undefined || values[CREATED_BY] != null ? {} : { [column(model, CREATED_BY)]: actor };
  return { insert: { ...createdBy, ...updatedBy }, update: updatedBy };
}

/**
 * A soft delete or restore is an UPDATE of `deleted_at` (and `updated_at`): it sets `updated_by`
 * too, on the rows it changes only. Sequelize skips an instance that is deleted already (for
 * `destroy`) or known not to be (for `restore`), and a bulk destroy skips deleted rows; a bulk
 * restore is narrowed to deleted rows here.
 */
function installSoftDeleteHooks(model: ModelStatic<Model>, deletedAt: string): void {
  addHook(model, 'beforeDestroy', 'dalkit:audit', (row: Row, options: DestroyOptions) => {
    if (!options.force && !row.isSoftDeleted()) stampUpdated(row, options);
  });
  addHook(model, 'beforeBulkDestroy', 'dalkit:audit', (options: DestroyOptions) => {
    if (!options.force) addHookWriteValues(options, { update: updateStamp(model) });
  });
  addHook(model, 'beforeRestore', 'dalkit:audit', (row: Row, options: FieldOptions) => {
    if (row.getDataValue(deletedAt) !== null) stampUpdated(row, options);
  });
  addHook(model, 'beforeBulkRestore', 'dalkit:audit', (options: { where?: WhereOptions }) => {
    options.where = onlyDeleted(model, deletedAt, options.where);
    addHookWriteValues(options, { update: updateStamp(model) });
  });
}

/** True when the model has the `createdBy` / `updatedBy` attributes of `AuditedModel`. */
export function hasAuditColumns(model: ModelStatic<Model>): boolean {
  return CREATED_BY in model.getAttributes() && UPDATED_BY in model.getAttributes();
}

/**
 * Fills `created_by` / `updated_by` from {@link currentActor} on create, instance update,
 * `bulkCreate`, `Model.update(values, { where })` and `Model.upsert` (a conflict keeps
 * `created_by`); inside `runAs` an explicit `createdBy` is kept. A soft delete or restore
 * (instance or `Model.destroy` / `Model.restore` with a `where`) is an update: it sets
 * `updated_by` and `updated_at` too. Outside `runAs` creates keep what they are given (null by
 * default), and an update that does not set `updatedBy` itself sets it to null: an unknown
 * actor is never passed off as the previous one.
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
  addHook(model, 'beforeUpdate', 'dalkit:audit', stampUpdated);
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
  addHook(model, 'beforeUpsert', 'dalkit:audit', (values: Record<string, unknown>, options: object) => {
    addHookWriteValues(options, upsertStamp(model, values));
  });
  const deletedAt = deletedAtAttribute(model);
  if (deletedAt) installSoftDeleteHooks(model, deletedAt);
  installHookWriteValues(model);
}
