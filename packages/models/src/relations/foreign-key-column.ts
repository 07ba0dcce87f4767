import 'reflect-metadata';
import {
  addAttribute,
  DataType,
  ForeignKey,
  getAttributes,
  type Model,
  type ModelClassGetter,
} from 'sequelize-typescript';

/** What happens to referencing rows when the referenced row is deleted or its key changes. */
export const ReferentialAction = {
  CASCADE: 'CASCADE',
  SET_NULL: 'SET NULL',
  RESTRICT: 'RESTRICT',
  NO_ACTION: 'NO ACTION',
} as const;
/** An ON DELETE / ON UPDATE action. */
export type ReferentialAction = (typeof ReferentialAction)[keyof typeof ReferentialAction];

/** Options of {@link ForeignKeyColumn}. */
export interface ForeignKeyColumnOptions {
  /** What the database does to this row when the referenced row is deleted. Required: say it. */
  onDelete: ReferentialAction;
  /** @default 'CASCADE' */
  onUpdate?: ReferentialAction;
  /** Whether the reference is optional. @default false (NOT NULL) */
  allowNull?: boolean;
  /** A UNIQUE reference: makes the relationship one-to-one. @default false */
  unique?: boolean;
}

/** A foreign key declared with {@link ForeignKeyColumn}. */
export interface ForeignKeyDefinition extends Required<ForeignKeyColumnOptions> {
  readonly attribute: string;
  readonly target: ModelClassGetter<object, object>;
}

const FOREIGN_KEYS_KEY = Symbol.for('dalkit:foreignKeys');

/**
 * Property decorator for a foreign key attribute: declares the column (its type follows the
 * referenced primary key: UUID or BIGINT), the `REFERENCES` clause with an explicit
 * `ON DELETE`, and an index, and registers it for `@BelongsTo` / `@HasMany` / `@HasOne` /
 * `@BelongsToMany`. `registerModels` applies the declared action last, so association
 * defaults never override it.
 * @example
 * ⁣@ForeignKeyColumn(() => Author, { onDelete: 'CASCADE' })
 * declare authorId: string;
 */
export function ForeignKeyColumn<TCreationAttributes extends {}, TModelAttributes extends {}>(
  target: ModelClassGetter<TCreationAttributes, TModelAttributes>,
  options: ForeignKeyColumnOptions,
): PropertyDecorator {
  return (prototype, propertyName) => {
    const attribute = String(propertyName);
    ForeignKey(target)(prototype, attribute);
    const declared = getAttributes(prototype)?.[attribute];
    addAttribute(prototype, attribute, { ...declared, type: DataType.UUID });
    const definition: ForeignKeyDefinition = {
      attribute,
      allowNull: options.allowNull ?? false,
      unique: options.unique ?? false,
      target: target as unknown as ForeignKeyDefinition['target'],
      onDelete: options.onDelete,
      onUpdate: options.onUpdate ?? ReferentialAction.CASCADE,
    };
    const current = getForeignKeyDefinitions(prototype).filter((d) => d.attribute !== attribute);
    Reflect.defineMetadata(FOREIGN_KEYS_KEY, [...current, definition], prototype);
  };
}

/** The foreign keys declared with {@link ForeignKeyColumn} on a model prototype. */
export function getForeignKeyDefinitions(prototype: object): readonly ForeignKeyDefinition[] {
  return (Reflect.getMetadata(FOREIGN_KEYS_KEY, prototype) as ForeignKeyDefinition[] | undefined) ?? [];
}

/** Resolves a class getter to the referenced model class. */
export function resolveTarget(definition: ForeignKeyDefinition): typeof Model {
  return (definition.target as unknown as () => typeof Model)();
}
