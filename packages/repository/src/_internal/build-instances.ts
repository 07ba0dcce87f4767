import type { Model, ModelStatic } from 'sequelize';

type Row = Record<string, unknown>;

/** What Sequelize keeps of one include after conforming a build's options. */
interface ConformedInclude {
  model: ModelStatic<Model>;
  association: { isSingleAssociation?: boolean };
  include?: unknown[];
  includeNames?: string[];
  includeMap?: Record<string, ConformedInclude>;
  originalAttributes?: string[];
}

interface ConformedOptions {
  includeNames?: string[];
  includeMap?: Record<string, ConformedInclude>;
}

/** The own state of a Sequelize 6 instance, as its constructor and `set(…, { raw: true })` leave it. */
interface InstanceState {
  dataValues: Row;
  _previousDataValues: Row;
  uniqno: number;
  _changed: Set<string>;
  _options: ConformedOptions;
  isNewRecord: boolean;
}

/** Builds one persisted instance from an attribute-keyed row; the row becomes its `dataValues`. */
export type InstanceBuilder = (row: Row) => Model;

/**
 * The options Sequelize conforms once per build (includes validated and mapped), taken from one
 * instance it builds itself; every fast-built instance shares them, as `bulkBuild` shares its input.
 */
function conformedOptions(model: ModelStatic<Model>, options: object): ConformedOptions {
  return (model.build({}, options as never) as unknown as InstanceState)._options;
}

function makeBuilder(model: ModelStatic<Model>, options: object): InstanceBuilder {
  const conformed = conformedOptions(model, options);
  const prototype = model.prototype as object;
  const nested = (conformed.includeNames ?? []).flatMap((name) => {
    const include = conformed.includeMap?.[name] as ConformedInclude;
    // Sequelize leaves an include that selects no attributes unset.
    if (include.originalAttributes !== undefined && include.originalAttributes.length === 0) return [];
    const build = makeBuilder(include.model, {
      isNewRecord: false,
      include: include.include,
      includeNames: include.includeNames,
      includeMap: include.includeMap,
      includeValidated: true,
      raw: true,
      attributes: include.originalAttributes,
    });
    const key = include.model.primaryKeyAttribute;
    const single = include.association.isSingleAssociation === true;
    return [{ name, build, key, single }];
  });
  return (row) => {
    for (const { name, build, key, single } of nested) {
      const value = row[name];
      if (value === undefined) continue; // as Sequelize: only includes the row carries
      if (single) {
        const related = Array.isArray(value) ? value[0] : value;
        row[name] = related == null || related[key] === null ? null : build(related);
      } else {
        const list = (Array.isArray(value) ? value : [value]) as Row[];
        row[name] = list[0] && list[0][key] === null ? [] : list.map(build);
      }
    }
    const instance = Object.create(prototype) as InstanceState & Row;
    instance.dataValues = row;
    instance._previousDataValues = { ...row };
    instance.uniqno = 1;
    instance._changed = new Set();
    instance._options = conformed;
    instance.isNewRecord = false;
    for (const { name } of nested) if (row[name] !== undefined) instance[name] = row[name];
    return instance as unknown as Model;
  };
}

const BUILDERS = new WeakMap<ModelStatic<Model>, Map<string, InstanceBuilder>>();

/**
 * A builder of persisted instances equal to `model.build(row, { isNewRecord: false, raw: true,
 * include })` — same own state, prototype and shared options — without Sequelize's per-row
 * pipeline (option spreading, include conforming, one `set()` per attribute). Like a raw build,
 * rows must already hold driver-parsed values. The model's constructor is not called: declare
 * attributes with `declare`, never as class fields (which would shadow Sequelize's accessors anyway).
 */
export function instanceBuilder(model: ModelStatic<Model>, include: readonly string[]): InstanceBuilder {
  let byInclude = BUILDERS.get(model);
  if (!byInclude) {
    byInclude = new Map();
    BUILDERS.set(model, byInclude);
  }
  const key = include.join(',');
  let builder = byInclude.get(key);
  if (!builder) {
    builder = makeBuilder(model, {
      isNewRecord: false,
      raw: true,
      include: include.map((as) => ({ association: as })),
    });
    byInclude.set(key, builder);
  }
  return builder;
}
