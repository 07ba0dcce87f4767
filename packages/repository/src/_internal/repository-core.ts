import { randomBytes } from 'node:crypto';
import {
  TransactionStateError,
  transactionManagerOf,
  ValidationError,
  type ValidationIssue,
} from '@dalkit/connection';
import type { Model, ModelStatic, Sequelize, Transaction } from 'sequelize';
import { type CacheStore, createLruCache } from '../cache.js';
import type { RepositoryOptions, TransactionSource } from '../types.js';
import { Executor } from './executor.js';
import type { Condition } from './filter-ast.js';
import { canBatchKey } from './id-batch.js';
import { type ModelMeta, modelMeta } from './model-meta.js';
import { RowMapper } from './row-mapper.js';
import { type ResolvedSort, resolveSort } from './sort.js';
import { SqlBuilder } from './sql-builder.js';
import { validateFilter } from './validate-filter.js';

const PROCESS_SECRET = randomBytes(32).toString('hex');

/** The resolved, frozen configuration and collaborators a repository works with. */
export class RepositoryCore {
  readonly meta: ModelMeta;
  readonly sequelize: Sequelize;
  readonly executor: Executor;
  readonly mapper: RowMapper;
  readonly filterable: ReadonlySet<string>;
  readonly sortable: ReadonlySet<string>;
  readonly includable: ReadonlySet<string>;
  readonly aggregatable: ReadonlySet<string>;
  readonly defaultPageSize: number;
  readonly maxPageSize: number;
  readonly maxPage: number;
  readonly cursorSecret: string;
  readonly prepare: boolean;
  /** Primary-key lookups of one tick share a statement (PostgreSQL, integer/bigint/UUID keys). */
  readonly batchReads: boolean;
  readonly cache: { store: CacheStore; ttlMs: number } | undefined;
  readonly defaultSort: unknown;
  private readonly transactions: TransactionSource;

  constructor(model: ModelStatic<Model>, options: RepositoryOptions) {
    if (!model.sequelize) throw new TypeError(`${model.name} is not added to a Sequelize instance`);
    this.meta = modelMeta(model);
    this.sequelize = model.sequelize;
    this.transactions = options.database ?? transactionManagerOf(this.sequelize);
    this.executor = new Executor(this.sequelize, options.fastPath ?? true, options.onQuery);
    this.mapper = new RowMapper(this.executor.dialect);
    this.filterable = new Set(options.filterable ?? []);
    this.sortable = new Set(options.sortable ?? []);
    this.includable = new Set(options.includable ?? Object.keys(model.associations));
    this.aggregatable = new Set(options.aggregatable ?? options.sortable ?? []);
    this.defaultPageSize = options.defaultPageSize ?? 20;
    this.maxPageSize = options.maxPageSize ?? 100;
    this.maxPage = options.maxPage ?? 10_000;
    this.cursorSecret = options.cursorSecret ?? PROCESS_SECRET;
    this.prepare = options.prepare ?? false;
    this.batchReads =
      (options.batch ?? true) && this.executor.dialect === 'postgres' && canBatchKey(this.meta.primaryKey);
    this.defaultSort = options.defaultSort;
    const cache = options.cache === true ? {} : options.cache || undefined;
    this.cache = cache && {
      store: cache.store ?? createLruCache({ maxEntries: cache.maxEntries ?? 1000 }),
      ttlMs: cache.ttlMs ?? 30_000,
    };
    this.checkAllowlists();
  }

  private checkAllowlists(): void {
    const missing = [...this.filterable].filter((p) => {
      const [head, tail] = p.split('.');
      if (tail === undefined) return !this.meta.attributes.has(p);
      return !this.meta.relation(head as string)?.target.attributes.has(tail);
    });
    missing.push(...[...this.sortable, ...this.aggregatable].filter((p) => !this.meta.attributes.has(p)));
    missing.push(...[...this.includable].filter((r) => !this.meta.relation(r)));
    if (missing.length)
      throw new TypeError(
        `${this.meta.name} repository: unknown fields in allowlists: ${missing.join(', ')}`,
      );
  }

  private readonly statements = new Map<string, string>();

  /** SQL text compiled once per query shape and reused (bind parameters only vary). */
  compiled(shape: string, compile: () => string): string {
    let text = this.statements.get(shape);
    if (text === undefined) {
      text = compile();
      this.statements.set(shape, text);
    }
    return text;
  }

  /** A fresh SQL builder for this dialect. */
  sql(): SqlBuilder {
    return new SqlBuilder(this.executor.dialect);
  }

  /** The explicit transaction, else the ambient one (dalkit handle or Sequelize CLS). */
  transaction(explicit: Transaction | undefined): Transaction | undefined {
    if (explicit) return explicit;
    const ambient = this.transactions.currentTransaction();
    if (ambient) return ambient;
    const cls = (this.sequelize.constructor as unknown as { _cls?: { get(key: string): unknown } })._cls;
    return cls?.get('transaction') as Transaction | undefined;
  }

  /** Validates a filter; throws ValidationError listing every issue. */
  condition(filter: unknown): Condition | undefined {
    const { condition, issues } = validateFilter(this.meta, filter, {
      fields: this.filterable,
      maxList: 1000,
      maxDepth: 8,
    });
    if (issues.length) throw new ValidationError(issues);
    return condition;
  }

  /** Validates sort input (or the default) and appends the primary-key tie-breaker. */
  sort(sort: unknown): ResolvedSort[] {
    const { terms, issues } = resolveSort(this.meta, sort ?? this.defaultSort, this.sortable);
    if (issues.length) throw new ValidationError(issues);
    return terms;
  }

  /** Checks include names against the allowlist. */
  includes(include: readonly string[] | undefined): string[] {
    if (!include?.length) return [];
    const issues: ValidationIssue[] = include
      .map((name, i) => ({ name, i }))
      .filter(({ name }) => typeof name !== 'string' || !this.includable.has(name))
      .map(({ i }) => ({
        path: `include[${i}]`,
        rule: 'unknownRelation',
        message: `include[${i}] is not an includable relation`,
      }));
    if (issues.length) throw new ValidationError(issues);
    return [...new Set(include)];
  }

  /** Checks a page size against the cap. */
  pageSize(value: unknown, path: string): number {
    const size = value ?? this.defaultPageSize;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 1 || size > this.maxPageSize) {
      throw new ValidationError([
        { path, rule: 'range', message: `${path} must be an integer from 1 to ${this.maxPageSize}` },
      ]);
    }
    return size;
  }

  /** Refuses a lock outside a transaction. */
  assertLockable(lock: unknown, tx: Transaction | undefined): void {
    if (lock && !tx)
      throw new TransactionStateError(
        'A row lock needs a transaction: pass one or run inside db.transaction()',
      );
  }

  /** Clears the read cache now and, inside a transaction, again after it commits. */
  async invalidate(tx: Transaction | undefined): Promise<void> {
    if (!this.cache) return;
    const store = this.cache.store;
    await store.clear();
    tx?.afterCommit(() => store.clear());
  }
}
