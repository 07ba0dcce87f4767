/** A filter value as written for a field of type `V`: dates may also be given as ISO strings. */
export type FilterValue<V> = [V] extends [Date] ? Date | string : V;

/** The operators allowed on one field whose values have type `V`. */
export interface FieldOperators<V> {
  eq?: FilterValue<V> | null;
  ne?: FilterValue<V> | null;
  gt?: FilterValue<V>;
  gte?: FilterValue<V>;
  lt?: FilterValue<V>;
  lte?: FilterValue<V>;
  in?: readonly FilterValue<V>[];
  notIn?: readonly FilterValue<V>[];
  between?: readonly [FilterValue<V>, FilterValue<V>];
  isNull?: boolean;
  /** SQL LIKE pattern (`%`, `_`); string fields only. */
  like?: [V] extends [string] ? string : never;
  /** Case-insensitive LIKE; string fields only. */
  ilike?: [V] extends [string] ? string : never;
}

/** A condition on one field: a value (equality), `null` (IS NULL), or an operator object. */
export type FieldCondition<V> = FilterValue<V> | null | FieldOperators<V>;

/**
 * A JSON-friendly filter over the fields in `Fields` (field name → value type). Top-level keys
 * are ANDed; `and`, `or` and `not` combine nested filters.
 * @example { status: 'paid', total: { gte: 10 }, 'user.email': { ilike: '%@x.com' }, or: [...] }
 */
export type Filter<Fields> = { [K in keyof Fields]?: FieldCondition<NonNullable<Fields[K]>> } & {
  and?: readonly Filter<Fields>[];
  or?: readonly Filter<Fields>[];
  not?: Filter<Fields>;
};

type Element<T> = T extends readonly (infer E)[] ? E : T;

/** The value type of `Path` on model `M`: an attribute (`status`) or a relation field (`user.email`). */
export type PathValue<M, Path extends string> = Path extends `${infer R}.${infer F}`
  ? R extends keyof M
    ? F extends keyof NonNullable<Element<NonNullable<M[R]>>>
      ? NonNullable<Element<NonNullable<M[R]>>>[F]
      : never
    : never
  : Path extends keyof M
    ? M[Path]
    : never;

/** Field name → value type, for the allowlisted `Paths` of model `M`. */
export type FieldsOf<M, Paths extends string> = { [P in Paths]: PathValue<M, P> };

/** A sort key: `field` (ascending) or `-field` (descending). */
export type SortKey<Field extends string> = Field | `-${Field}`;

/** One sort term in object form. */
export interface SortTerm<Field extends string> {
  field: Field;
  direction?: 'asc' | 'desc';
  nulls?: 'first' | 'last';
}

/** Sort order: a comma-separated string (`-created_at,id`) or a list of keys or terms. */
export type Sort<Field extends string> = string | readonly (SortKey<Field> | SortTerm<Field>)[];
