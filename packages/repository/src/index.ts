export type { CacheOptions, CacheStore } from './cache.js';
export { createLruCache } from './cache.js';
export type {
  FieldCondition,
  FieldOperators,
  FieldsOf,
  Filter,
  FilterValue,
  PathValue,
  Sort,
  SortKey,
  SortTerm,
} from './filter-types.js';
export type { ParsedQuery, QueryStringLimits } from './query-string.js';
export { parseQueryString } from './query-string.js';
export { ReadRepository } from './read-repository.js';
export { Repository } from './repository.js';
export { repositoryFor } from './repository-for.js';
export type {
  AggregateOptions,
  AggregateRow,
  CallOptions,
  CreateInput,
  CreateManyOptions,
  FindAllOptions,
  KeysetOptions,
  KeysetPage,
  LockOption,
  Metric,
  OffsetPage,
  PageOptions,
  Plain,
  ReadOptions,
  ReadResult,
  RepositoryFilter,
  RepositoryOptions,
  TransactionSource,
  UpsertOptions,
} from './types.js';
