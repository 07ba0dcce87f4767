import type { AttributeMeta, RelationMeta } from './model-meta.js';

/** Comparison operators of the filter language. */
export const OPERATORS = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'notIn',
  'like',
  'ilike',
  'between',
  'isNull',
] as const;
/** One comparison operator. */
export type Operator = (typeof OPERATORS)[number];

/** A filter field resolved against the model: an attribute, possibly behind a relation. */
export interface ResolvedField {
  readonly path: string;
  readonly relation: RelationMeta | undefined;
  readonly attribute: AttributeMeta;
}

/** A validated, normalized filter: what the SQL compiler consumes. */
export type Condition =
  | {
      readonly kind: 'compare';
      readonly field: ResolvedField;
      readonly op: Operator;
      readonly value: unknown;
    }
  | { readonly kind: 'and' | 'or'; readonly items: readonly Condition[] }
  | { readonly kind: 'not'; readonly item: Condition };
