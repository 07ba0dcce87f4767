import type { Model, ModelStatic } from 'sequelize';
import { addHook } from './add-hook.js';

/**
 * For versioned models (`@Table({ version: true })`), makes `Model.update(values, { where })`
 * bump `version` too, so an instance read before the bulk update fails its next save with
 * `STALE_VERSION` instead of silently overwriting the bulk change.
 */
export function installVersionHooks(model: ModelStatic<Model>): void {
  const attribute = (model as unknown as { _versionAttribute?: string })._versionAttribute;
  const sequelize = model.sequelize;
  if (!attribute || !sequelize) return;
  const field = model.getAttributes()[attribute as never]?.field ?? attribute;
  const qi = sequelize.getQueryInterface();
  addHook(
    model,
    'beforeBulkUpdate',
    'dalkit:version',
    (options: { attributes?: Record<string, unknown>; fields?: string[] }) => {
      if (!options.attributes || attribute in options.attributes) return;
      options.attributes[attribute] = sequelize.literal(`${qi.quoteIdentifier(field)} + 1`);
      if (options.fields && !options.fields.includes(attribute)) options.fields.push(attribute);
    },
  );
}
