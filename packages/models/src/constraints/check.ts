import 'reflect-metadata';
import { ConfigError } from '@dalkit/connection';

/** A CHECK constraint declared on a model with {@link Check}. */
export interface CheckDefinition {
  /** Constraint name, snake_case. */
  readonly name: string;
  /** SQL boolean expression over the table's column names, e.g. `price >= 0`. */
  readonly expression: string;
}

const CHECKS_KEY = Symbol.for('dalkit:checks');
const CONSTRAINT_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * Class decorator: declares a CHECK constraint. The expression is SQL written by the model
 * author (never user input), over column names; `registerModels` creates it after `sync()`,
 * and `modelConstraints()` lists it so a migration can mirror it.
 * @example ⁣@Check('products_price_non_negative', 'price >= 0')
 */
export function Check(name: string, expression: string): ClassDecorator {
  if (!CONSTRAINT_NAME.test(name)) {
    throw new ConfigError([
      {
        key: 'Check.name',
        source: 'model decorator',
        expected: 'a snake_case constraint name',
        received: name,
      },
    ]);
  }
  return (target) => {
    const checks = getChecks(target);
    Reflect.defineMetadata(CHECKS_KEY, [...checks, { name, expression }], target);
  };
}

/** The CHECK constraints declared on a model class (inherited ones included). */
export function getChecks(model: object): readonly CheckDefinition[] {
  return (Reflect.getMetadata(CHECKS_KEY, model) as CheckDefinition[] | undefined) ?? [];
}
