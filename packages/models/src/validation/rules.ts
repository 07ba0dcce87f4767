import 'reflect-metadata';

/** A custom rule: returns a message when `value` is invalid, nothing when it is fine. */
export type CustomRule = (value: unknown, row: Readonly<Record<string, unknown>>) => string | undefined;

/** A bound with an optional message replacing the default one. */
export interface Bounds {
  min?: number;
  max?: number;
  message?: string;
}

/**
 * Declarative validation rules for one attribute. They run in the application before any SQL
 * (create, save, `bulkCreate`, `Model.update`) and report every failing field at once.
 */
export interface AttributeRules {
  /** Must be present: not null, not undefined, not a blank string. Also makes the column NOT NULL. */
  required?: boolean | { message: string };
  /** String length bounds (in characters). */
  length?: Bounds;
  /** The string must match this regular expression. */
  pattern?: RegExp | { regex: RegExp; message?: string };
  /** Numeric bounds, inclusive. */
  range?: Bounds;
  /** Must look like an e-mail address. */
  email?: boolean | { message: string };
  /** Must be one of these values. */
  enum?: readonly (string | number)[] | { values: readonly (string | number)[]; message?: string };
  /** One or more custom rules; each returns a message when the value is invalid. */
  custom?: CustomRule | readonly CustomRule[];
}

const RULES_KEY = Symbol.for('dalkit:rules');

/**
 * Property decorator: declares validation rules for an attribute. Use it next to `@Column`.
 * @example
 * ⁣@Rules({ required: true, length: { min: 2, max: 80 } })
 * ⁣@Column(DataType.STRING(80))
 * declare name: string;
 */
export function Rules(rules: AttributeRules): PropertyDecorator {
  return (target, propertyName) => {
    const current = getRules(target);
    Reflect.defineMetadata(RULES_KEY, { ...current, [String(propertyName)]: rules }, target);
  };
}

/** The rules declared on a model prototype (inherited rules included), by attribute name. */
export function getRules(prototype: object): Readonly<Record<string, AttributeRules>> {
  return (Reflect.getMetadata(RULES_KEY, prototype) as Record<string, AttributeRules> | undefined) ?? {};
}
