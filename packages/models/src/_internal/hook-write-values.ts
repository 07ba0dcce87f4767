import type { Model, ModelStatic, QueryInterface, Sequelize } from 'sequelize';

/** Column values (keyed by column name) that a hook adds to the statement Sequelize issues. */
export interface HookWriteValues {
  /** Added to the INSERT of `Model.upsert`. */
  readonly insert?: Readonly<Record<string, unknown>>;
  /**
   * Added to the SET of the UPDATE that `Model.destroy` (soft) and `Model.restore` issue, and to
   * the columns that `Model.upsert` updates on a conflict.
   */
  readonly update?: Readonly<Record<string, unknown>>;
}

const WRITE_VALUES = Symbol('dalkit:hookWriteValues');

type WithWriteValues = { [WRITE_VALUES]?: HookWriteValues };
type Values = Record<string, unknown>;

/**
 * From a `beforeUpsert`, `beforeBulkDestroy` or `beforeBulkRestore` hook: adds `values` to the
 * statement of that call. Sequelize builds those statements' values after the hooks have run,
 * out of their reach; {@link installHookWriteValues} lets the values in.
 */
export function addHookWriteValues(options: object, values: HookWriteValues): void {
  const target = options as WithWriteValues;
  const current = target[WRITE_VALUES];
  target[WRITE_VALUES] = {
    insert: { ...current?.insert, ...values.insert },
    update: { ...current?.update, ...values.update },
  };
}

function requested(options: unknown): HookWriteValues | undefined {
  return (options as WithWriteValues | undefined)?.[WRITE_VALUES];
}

const wrapped = new WeakMap<QueryInterface, QueryInterface>();

function withHookWriteValues(qi: QueryInterface): QueryInterface {
  const existing = wrapped.get(qi);
  if (existing) return existing;
  const wrapper = Object.create(qi, {
    upsert: {
      value(table: string, insert: Values, update: Values, where: object, options?: object) {
        const extra = requested(options);
        return qi.upsert(
          table,
          { ...insert, ...extra?.insert },
          { ...update, ...extra?.update },
          where as never,
          options as never,
        );
      },
    },
    bulkUpdate: {
      value(table: string, values: Values, where: object, options?: object, attributes?: object) {
        const extra = requested(options)?.update;
        return qi.bulkUpdate(
          table,
          { ...values, ...extra },
          where as never,
          options as never,
          attributes as never,
        );
      },
    },
  }) as QueryInterface;
  wrapped.set(qi, wrapper);
  return wrapper;
}

/**
 * Makes `model`'s own statements (`Model.queryInterface`) carry the values its hooks add with
 * {@link addHookWriteValues}; every other use of the query interface is left as it is.
 */
export function installHookWriteValues(model: ModelStatic<Model>): void {
  Object.defineProperty(model, 'queryInterface', {
    configurable: true,
    get(this: ModelStatic<Model>) {
      return withHookWriteValues((this.sequelize as Sequelize).getQueryInterface());
    },
  });
}
