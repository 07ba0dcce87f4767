import { hasAuditColumns } from '@dalkit/models';
import type { Model, ModelStatic } from 'sequelize';

/** How a filter value for an attribute is checked and coerced. */
export type ValueKind = 'integer' | 'bigint' | 'number' | 'string' | 'boolean' | 'date' | 'uuid' | 'other';

/** One attribute of a model, as the SQL compiler needs it. */
export interface AttributeMeta {
  readonly name: string;
  readonly column: string;
  readonly kind: ValueKind;
  readonly allowNull: boolean;
  readonly enumValues: readonly string[] | undefined;
}

/** A declared association, as the compiler needs it. */
export interface RelationMeta {
  readonly name: string;
  readonly type: 'BelongsTo' | 'HasOne' | 'HasMany' | 'BelongsToMany';
  readonly target: ModelMeta;
  /** Column on the side that holds the key (source for BelongsTo, target for HasOne/HasMany). */
  readonly foreignKeyColumn: string;
  /** Column the foreign key points at. */
  readonly targetKeyColumn: string;
  readonly through?: { readonly table: string; readonly sourceColumn: string; readonly targetColumn: string };
}

/** Everything about a model that is computed once: table, columns, primary key, relations. */
export interface ModelMeta {
  readonly model: ModelStatic<Model>;
  readonly name: string;
  readonly table: string;
  readonly schema: string | undefined;
  readonly primaryKey: AttributeMeta;
  readonly attributes: ReadonlyMap<string, AttributeMeta>;
  /** column name → attribute name, for mapping raw rows to plain objects. */
  readonly columnToAttribute: ReadonlyMap<string, string>;
  readonly paranoid: AttributeMeta | undefined;
  readonly createdAt: AttributeMeta | undefined;
  readonly updatedAt: AttributeMeta | undefined;
  /** `createdBy` / `updatedBy` of an `AuditedModel` (filled from `runAs`), else undefined. */
  readonly audit: { readonly createdBy: AttributeMeta; readonly updatedBy: AttributeMeta } | undefined;
  /** Sequelize's default makers (`defaultValue`, functions included), by attribute name. */
  readonly defaults: Readonly<Record<string, () => unknown>>;
  relation(name: string): RelationMeta | undefined;
}

const KIND_BY_TYPE: Record<string, ValueKind> = {
  INTEGER: 'integer',
  SMALLINT: 'integer',
  TINYINT: 'integer',
  MEDIUMINT: 'integer',
  BIGINT: 'bigint',
  FLOAT: 'number',
  DOUBLE: 'number',
  'DOUBLE PRECISION': 'number',
  REAL: 'number',
  DECIMAL: 'number',
  STRING: 'string',
  TEXT: 'string',
  CHAR: 'string',
  CITEXT: 'string',
  ENUM: 'string',
  BOOLEAN: 'boolean',
  DATE: 'date',
  DATEONLY: 'date',
  UUID: 'uuid',
};

interface RawAttribute {
  field?: string;
  type: { key?: string; values?: string[] };
  allowNull?: boolean;
  primaryKey?: boolean;
}

function toAttributeMeta(name: string, raw: RawAttribute): AttributeMeta {
  const key = raw.type.key ?? 'OTHER';
  return Object.freeze({
    name,
    column: raw.field ?? name,
    kind: KIND_BY_TYPE[key] ?? 'other',
    allowNull: raw.allowNull !== false && raw.primaryKey !== true,
    enumValues: key === 'ENUM' ? Object.freeze([...(raw.type.values ?? [])]) : undefined,
  });
}

const CACHE = new WeakMap<ModelStatic<Model>, ModelMeta>();

function tableOf(model: ModelStatic<Model>): { table: string; schema: string | undefined } {
  const name = model.getTableName() as unknown as string | { tableName: string; schema?: string };
  if (typeof name === 'string') return { table: name, schema: undefined };
  return { table: name.tableName, schema: name.schema };
}

function buildRelation(association: Record<string, unknown>): RelationMeta | undefined {
  const type = association.associationType as RelationMeta['type'];
  const source = association.source as ModelStatic<Model>;
  const target = association.target as ModelStatic<Model>;
  const name = association.as as string;
  const fieldOf = (model: ModelStatic<Model>, attribute: string) =>
    (model.getAttributes() as Record<string, RawAttribute>)[attribute]?.field ?? attribute;
  const targetMeta = () => modelMeta(target);
  if (type === 'BelongsTo') {
    return {
      name,
      type,
      get target() {
        return targetMeta();
      },
      foreignKeyColumn: fieldOf(source, association.foreignKey as string),
      targetKeyColumn: fieldOf(target, association.targetKey as string),
    };
  }
  if (type === 'HasOne' || type === 'HasMany') {
    return {
      name,
      type,
      get target() {
        return targetMeta();
      },
      foreignKeyColumn: fieldOf(target, association.foreignKey as string),
      targetKeyColumn: fieldOf(source, association.sourceKey as string),
    };
  }
  if (type === 'BelongsToMany') {
    const through = (association.through as { model: ModelStatic<Model> }).model;
    return {
      name,
      type,
      get target() {
        return targetMeta();
      },
      foreignKeyColumn: fieldOf(target, association.targetKey as string),
      targetKeyColumn: fieldOf(source, association.sourceKey as string),
      through: {
        table: tableOf(through).table,
        sourceColumn: fieldOf(through, association.foreignKey as string),
        targetColumn: fieldOf(through, association.otherKey as string),
      },
    };
  }
  return undefined;
}

/** The cached metadata of a Sequelize model (which must already be added to its Sequelize instance). */
export function modelMeta(model: ModelStatic<Model>): ModelMeta {
  const cached = CACHE.get(model);
  if (cached) return cached;
  const attributes = new Map<string, AttributeMeta>();
  const columnToAttribute = new Map<string, string>();
  let primaryKey: AttributeMeta | undefined;
  for (const [name, raw] of Object.entries(model.getAttributes() as Record<string, RawAttribute>)) {
    const meta = toAttributeMeta(name, raw);
    attributes.set(name, meta);
    columnToAttribute.set(meta.column, name);
    if (raw.primaryKey && !primaryKey) primaryKey = meta;
  }
  if (!primaryKey) throw new TypeError(`${model.name} has no primary key; a repository needs one`);
  const options = model.options as {
    paranoid?: boolean;
    deletedAt?: string | boolean;
    updatedAt?: string | boolean;
    timestamps?: boolean;
  };
  const internals = model as unknown as {
    _timestampAttributes?: { createdAt?: string; deletedAt?: string; updatedAt?: string };
    _defaultValues?: Record<string, () => unknown>;
  };
  const rawAttrs = internals._timestampAttributes ?? {};
  const relations = new Map<string, RelationMeta | undefined>();
  const { table, schema } = tableOf(model);
  const meta: ModelMeta = Object.freeze({
    model,
    name: model.name,
    table,
    schema,
    primaryKey,
    attributes,
    columnToAttribute,
    paranoid: options.paranoid && rawAttrs.deletedAt ? attributes.get(rawAttrs.deletedAt) : undefined,
    createdAt: rawAttrs.createdAt ? attributes.get(rawAttrs.createdAt) : undefined,
    updatedAt: rawAttrs.updatedAt ? attributes.get(rawAttrs.updatedAt) : undefined,
    audit: hasAuditColumns(model)
      ? {
          createdBy: attributes.get('createdBy') as AttributeMeta,
          updatedBy: attributes.get('updatedBy') as AttributeMeta,
        }
      : undefined,
    defaults: { ...internals._defaultValues },
    relation(name: string) {
      if (!relations.has(name)) {
        const association = (model.associations as Record<string, unknown>)[name];
        relations.set(name, association ? buildRelation(association as Record<string, unknown>) : undefined);
      }
      return relations.get(name);
    },
  });
  CACHE.set(model, meta);
  return meta;
}
