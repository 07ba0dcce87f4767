import type { Model, ModelStatic } from 'sequelize';
import type { ModelMeta } from './model-meta.js';

interface RawAttribute {
  validate?: object;
  allowNull?: boolean;
  type?: unknown;
  autoIncrement?: boolean;
}

interface ModelInternals {
  getAttributes(): Record<string, RawAttribute>;
  options: { validate?: object };
  prototype: { _customSetters?: Record<string, unknown> };
  _dataTypeSanitizers?: Record<string, unknown>;
  hasHook(name: string): boolean;
}

const STRING_KEYS = new Set(['STRING', 'TEXT', 'CITEXT', 'CHAR']);
const VALIDATION_HOOKS = ['beforeValidate', 'afterValidate', 'validationFailed'];
const PLAIN = new WeakMap<ModelStatic<Model>, ReadonlySet<string>>();

/**
 * Attributes whose values Sequelize's `build()` + `validate()` would pass through untouched:
 * no validators, custom setter or type sanitizer on the attribute, no model-level validators
 * or validation hooks. Computed once per model.
 */
function plainAttributes(model: ModelStatic<Model>): ReadonlySet<string> {
  let plain = PLAIN.get(model);
  if (!plain) {
    const internals = model as unknown as ModelInternals;
    const modelLevel =
      Object.keys(internals.options.validate ?? {}).length > 0 ||
      VALIDATION_HOOKS.some((hook) => internals.hasHook(hook));
    const setters = internals.prototype._customSetters ?? {};
    const sanitizers = internals._dataTypeSanitizers ?? {};
    plain = new Set(
      modelLevel
        ? []
        : Object.entries(internals.getAttributes())
            .filter(([name, raw]) => Object.keys(raw.validate ?? {}).length === 0 && !(name in setters))
            .filter(([name]) => !Object.hasOwn(sanitizers, name))
            .map(([name]) => name),
    );
    PLAIN.set(model, plain);
  }
  return plain;
}

/**
 * True when every value of `patch` can be written as given, i.e. Sequelize's validation has
 * nothing to check or change: plain attributes, no null for a NOT NULL one, no object for a
 * string one (the two schema checks `validate()` makes on its own).
 */
export function needsNoValidation(model: ModelStatic<Model>, patch: Record<string, unknown>): boolean {
  const plain = plainAttributes(model);
  const attributes = (model as unknown as ModelInternals).getAttributes();
  for (const key in patch) {
    if (!plain.has(key)) return false;
    const value = patch[key];
    const raw = attributes[key];
    if (value === null && raw?.allowNull === false) return false;
    if (typeof value === 'object' && value !== null) {
      const typeKey = (raw?.type as { key?: string } | undefined)?.key;
      if (typeKey === undefined || STRING_KEYS.has(typeKey)) return false;
    }
  }
  return true;
}

const CREATABLE = new WeakMap<ModelStatic<Model>, boolean>();

/** True when no attribute of the model has validators (defaults and absent values are validated too). */
function creatable(model: ModelStatic<Model>): boolean {
  let result = CREATABLE.get(model);
  if (result === undefined) {
    const attributes = Object.values((model as unknown as ModelInternals).getAttributes());
    result = attributes.every((raw) => Object.keys(raw.validate ?? {}).length === 0);
    CREATABLE.set(model, result);
  }
  return result;
}

/**
 * The attribute values `build(data)` would give a new instance when its validation would find
 * nothing to check (see {@link needsNoValidation}, and no validator on any attribute): `data`
 * plus each absent attribute's default. Undefined when Sequelize must build and validate: a
 * NOT NULL attribute left without value or default, or a default that is SQL (`fn`, `literal`).
 */
export function plainCreateValues(
  meta: ModelMeta,
  data: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const model = meta.model;
  if (!creatable(model) || !needsNoValidation(model, data)) return undefined;
  const values: Record<string, unknown> = { ...data };
  for (const [name, raw] of Object.entries((model as unknown as ModelInternals).getAttributes())) {
    if (values[name] !== undefined) continue;
    const makeDefault = meta.defaults[name];
    if (makeDefault) {
      const value = makeDefault();
      if (typeof value === 'object' && value !== null && !(value instanceof Date)) return undefined;
      values[name] = value;
    } else if (
      raw.allowNull === false &&
      raw.autoIncrement !== true &&
      name !== meta.createdAt?.name &&
      name !== meta.updatedAt?.name
    ) {
      return undefined;
    }
  }
  return values;
}
