import { NotFoundError, ValidationError } from '@dalkit/connection';
import type { Model, ModelStatic, Transaction } from 'sequelize';
import { aggregateRows } from './_internal/aggregate.js';
import { coerceQueryFilter } from './_internal/coerce-query-filter.js';
import { compileWhere } from './_internal/compile-filter.js';
import { IdBatch } from './_internal/id-batch.js';
import { joinableRelations } from './_internal/join-to-one.js';
import { keysetPage } from './_internal/keyset-page.js';
import { mapError } from './_internal/map-error.js';
import { mapped, rethrowMapped } from './_internal/mapped.js';
import type { RelationMeta } from './_internal/model-meta.js';
import { checkId } from './_internal/pk.js';
import { cachedRead, finishRows, selectRows, whereOf } from './_internal/reads.js';
import { RepositoryCore } from './_internal/repository-core.js';
import { rowDecoder } from './_internal/row-decoder.js';
import { fromClause, ROOT, selectSql } from './_internal/select-sql.js';
import { compileOrderBy } from './_internal/sort.js';
import { type ParsedQuery, parseQueryString, type QueryStringLimits } from './query-string.js';
import type {
  AggregateOptions,
  AggregateRow,
  CallOptions,
  FindAllOptions,
  KeysetOptions,
  KeysetPage,
  OffsetPage,
  PageOptions,
  Plain,
  ReadOptions,
  ReadResult,
  RepositoryFilter,
  RepositoryOptions,
} from './types.js';

const NO_OPTIONS: ReadOptions = Object.freeze({});
const NO_INCLUDE: readonly string[] = Object.freeze([]);
const NO_JOINS: readonly RelationMeta[] = Object.freeze([]);

/**
 * The read side of a repository: lookups, filtered listings, offset and keyset pages,
 * aggregates and query-string parsing. {@link Repository} adds the writes; extend this class
 * directly for a read-only repository.
 */
export class ReadRepository<M extends Model, F extends string = never, S extends string = never> {
  /** @internal resolved configuration shared with the internal helpers. */
  protected readonly core: RepositoryCore;

  constructor(model: ModelStatic<M>, options: RepositoryOptions<F, S> = {}) {
    this.core = new RepositoryCore(model as unknown as ModelStatic<Model>, options);
  }

  /** The model this repository reads and writes. */
  get model(): ModelStatic<M> {
    return this.core.meta.model as unknown as ModelStatic<M>;
  }

  /** The row with this primary key, or null. */
  findById<O extends ReadOptions = ReadOptions>(id: unknown, options?: O): Promise<ReadResult<M, O> | null> {
    // The hottest read: no async layers, no per-call closures unless the cache is in play.
    try {
      const core = this.core;
      const key = checkId(core.meta, id);
      const opts: ReadOptions = options ?? NO_OPTIONS;
      const tx = core.transaction(opts.transaction);
      core.assertLockable(opts.lock, tx);
      const include = opts.include ? core.includes(opts.include) : NO_INCLUDE;
      const read = () => this.readById(key, opts, include, tx) as Promise<ReadResult<M, O> | null>;
      const result = core.cache
        ? cachedRead(core, () => `id:${JSON.stringify([key, include, opts.withDeleted])}`, tx, opts, read)
        : read();
      return result.catch(rethrowMapped);
    } catch (error) {
      return Promise.reject(mapError(error));
    }
  }

  private async readById(
    key: unknown,
    opts: ReadOptions,
    include: readonly string[],
    tx: Transaction | undefined,
  ): Promise<unknown> {
    const core = this.core;
    const joins = include.length ? joinableRelations(core.sql(), core.meta, include) : NO_JOINS;
    const batch = !tx && joins.length === 0 && opts.lock === undefined ? this.idBatch(opts) : undefined;
    const row = await (batch ? batch.load(key) : this.readOne(key, opts, joins, tx));
    if (!row) return null;
    core.mapper.fix(core.meta, row);
    if (!include.length && !opts.instances) return row;
    const [built] = await finishRows(core, [row], include, joins, opts, tx);
    return built ?? null;
  }

  private readonly idBatches = new Map<boolean, IdBatch>();

  /**
   * The batch that this tick's lookups of the same shape join (see `RepositoryOptions.batch`),
   * or undefined when lookups are not batched here.
   */
  private idBatch(opts: ReadOptions): IdBatch | undefined {
    const core = this.core;
    if (!core.batchReads) return undefined;
    const withDeleted = opts.withDeleted === true;
    let batch = this.idBatches.get(withDeleted);
    if (!batch) {
      const shape: ReadOptions = { withDeleted };
      batch = new IdBatch(core.meta.primaryKey, {
        one: (key) => this.readOne(key, shape, NO_JOINS, undefined),
        many: (keys) => this.readMany(keys, shape),
      });
      this.idBatches.set(withDeleted, batch);
    }
    return batch;
  }

  /** The row with this key, before `mapper.fix`. */
  private readOne(
    key: unknown,
    opts: ReadOptions,
    joins: readonly RelationMeta[],
    tx: Transaction | undefined,
  ): Promise<Record<string, unknown> | null> {
    return this.core.executor
      .run(this.byIdSql(opts, joins), [key], {
        transaction: tx,
        kind: 'select',
        prepare: this.core.prepare,
        decode: rowDecoder(this.core.meta, joins),
      })
      .then(({ rows }) => rows[0] ?? null);
  }

  /** The rows with these keys, in no particular order (the batched statement). */
  private readMany(keys: unknown[], opts: ReadOptions): Promise<Record<string, unknown>[]> {
    return this.core.executor
      .run(this.byIdSql(opts, NO_JOINS, true), [keys], {
        transaction: undefined,
        kind: 'select',
        prepare: this.core.prepare,
        decode: rowDecoder(this.core.meta, NO_JOINS),
      })
      .then(({ rows }) => rows);
  }

  /**
   * The findById statement, compiled once per shape (deleted rows shown or not, lock, joins):
   * `pk = $1`, or for a batch (PostgreSQL) `pk = ANY($1)` with one array parameter.
   */
  private byIdSql(options: ReadOptions, joins: readonly RelationMeta[], batch = false): string {
    const withDeleted = options.withDeleted === true;
    const plain = options.lock === undefined && joins.length === 0;
    const shape = plain
      ? `byId:${batch}:${withDeleted}`
      : `byId:${batch}:${withDeleted}:${JSON.stringify(options.lock ?? null)}:${joins.map((r) => r.name).join()}`;
    return this.core.compiled(shape, () => {
      const sql = this.core.sql();
      const param = sql.param(undefined);
      const pk = `${sql.column(ROOT, this.core.meta.primaryKey.column)} = ${batch ? `ANY(${param})` : param}`;
      const paranoid = compileWhere(sql, this.core.meta, ROOT, undefined, withDeleted);
      return selectSql(sql, this.core.meta, {
        where: paranoid ? `${pk} AND ${paranoid}` : pk,
        lock: options.lock,
        joins,
      });
    });
  }

  /** The row with this primary key; NotFoundError naming the entity and id when absent. */
  async getById<O extends ReadOptions = ReadOptions>(id: unknown, options?: O): Promise<ReadResult<M, O>> {
    const row = await this.findById(id, options);
    if (row === null) throw new NotFoundError(this.core.meta.name, id);
    return row;
  }

  /** The first row matching the filter (in sort order), or null. */
  async findOne<O extends FindAllOptions<S> = FindAllOptions<S>>(
    filter?: RepositoryFilter<M, F>,
    options?: O,
  ): Promise<ReadResult<M, O> | null> {
    const [row] = await this.findAll(filter, { ...(options as O), limit: 1 });
    return row ?? null;
  }

  /** Rows matching the filter, sorted (primary key as tie-breaker); `limit` defaults to none. */
  findAll<O extends FindAllOptions<S> = FindAllOptions<S>>(
    filter?: RepositoryFilter<M, F>,
    options?: O,
  ): Promise<ReadResult<M, O>[]> {
    return mapped(async () => {
      const opts = options ?? ({} as O);
      const condition = this.core.condition(filter);
      const terms = this.core.sort(opts.sort);
      const include = this.core.includes(opts.include);
      const tx = this.core.transaction(opts.transaction);
      this.core.assertLockable(opts.lock, tx);
      checkWindow(opts.limit, opts.offset);
      const key = () =>
        `all:${JSON.stringify([filter, opts.sort, opts.limit, opts.offset, include, opts.withDeleted])}`;
      return cachedRead(this.core, key, tx, opts, async () => {
        const sql = this.core.sql();
        const where = whereOf(this.core, sql, condition, opts);
        const orderBy = compileOrderBy(sql, ROOT, terms);
        const joins = joinableRelations(sql, this.core.meta, include);
        const rows = await selectRows(
          this.core,
          sql,
          { where, orderBy, limit: opts.limit, offset: opts.offset, lock: opts.lock, joins },
          tx,
        );
        return (await finishRows(this.core, rows, include, joins, opts, tx)) as ReadResult<M, O>[];
      });
    });
  }

  /** True when at least one row matches. */
  exists(
    filter?: RepositoryFilter<M, F>,
    options: CallOptions & { withDeleted?: boolean } = {},
  ): Promise<boolean> {
    return mapped(async () => {
      const condition = this.core.condition(filter);
      const tx = this.core.transaction(options.transaction);
      return cachedRead(
        this.core,
        () => `exists:${JSON.stringify([filter, options.withDeleted])}`,
        tx,
        options,
        async () => {
          const sql = this.core.sql();
          const where = whereOf(this.core, sql, condition, options);
          const text = `SELECT 1 AS ${sql.id('one')} ${fromClause(sql, this.core.meta)}${where ? ` WHERE ${where}` : ''} LIMIT 1`;
          const { rows } = await this.core.executor.run(text, sql.params, {
            transaction: tx,
            kind: 'select',
            prepare: this.core.prepare,
          });
          return rows.length > 0;
        },
      );
    });
  }

  /** How many rows match. */
  count(
    filter?: RepositoryFilter<M, F>,
    options: CallOptions & { withDeleted?: boolean } = {},
  ): Promise<number> {
    return mapped(async () => {
      const condition = this.core.condition(filter);
      const tx = this.core.transaction(options.transaction);
      return cachedRead(
        this.core,
        () => `count:${JSON.stringify([filter, options.withDeleted])}`,
        tx,
        options,
        () => this.countWhere(condition, options, tx),
      );
    });
  }

  private async countWhere(
    condition: ReturnType<RepositoryCore['condition']>,
    options: ReadOptions,
    tx: Transaction | undefined,
  ) {
    const sql = this.core.sql();
    const where = whereOf(this.core, sql, condition, options);
    const text = `SELECT COUNT(*) AS ${sql.id('n')} ${fromClause(sql, this.core.meta)}${where ? ` WHERE ${where}` : ''}`;
    const { rows } = await this.core.executor.run(text, sql.params, {
      transaction: tx,
      kind: 'select',
      prepare: this.core.prepare,
    });
    return Number(rows[0]?.n ?? 0);
  }

  /** Offset pagination: `{ items, total, page, pageSize, hasNext }`; pass `withTotal: false` to skip the COUNT. */
  findPage<O extends PageOptions<S> = PageOptions<S>>(
    filter?: RepositoryFilter<M, F>,
    options?: O,
  ): Promise<OffsetPage<ReadResult<M, O>>> {
    return mapped(async () => {
      const opts = options ?? ({} as O);
      const pageSize = this.core.pageSize(opts.pageSize, 'pageSize');
      const page = opts.page ?? 1;
      if (!Number.isSafeInteger(page) || page < 1 || page > this.core.maxPage) {
        throw new ValidationError([
          { path: 'page', rule: 'range', message: `page must be an integer from 1 to ${this.core.maxPage}` },
        ]);
      }
      const rows = await this.findAll(filter, {
        ...opts,
        limit: pageSize + 1,
        offset: (page - 1) * pageSize,
      });
      const hasNext = rows.length > pageSize;
      const tx = this.core.transaction(opts.transaction);
      const total =
        opts.withTotal === false
          ? undefined
          : await this.count(filter, { transaction: tx, withDeleted: opts.withDeleted });
      return { items: rows.slice(0, pageSize), total, page, pageSize, hasNext };
    });
  }

  /** Keyset pagination with signed cursors: `first`/`after` forward, `last`/`before` backward. */
  findKeysetPage<O extends KeysetOptions<S> = KeysetOptions<S>>(
    filter?: RepositoryFilter<M, F>,
    options?: O,
  ): Promise<KeysetPage<ReadResult<M, O>>> {
    return mapped(async () => {
      const opts = options ?? ({} as O);
      const condition = this.core.condition(filter);
      const tx = this.core.transaction(opts.transaction);
      this.core.assertLockable(opts.lock, tx);
      const page = await keysetPage(this.core, condition, opts, tx);
      if (opts.withTotal) page.total = await this.countWhere(condition, opts, tx);
      return page as KeysetPage<ReadResult<M, O>>;
    });
  }

  /** count/sum/avg/min/max over allowlisted fields, optionally grouped and filtered. */
  aggregate<G extends Extract<keyof Plain<M>, string> = never, K extends string = string>(
    options: AggregateOptions<G, K, RepositoryFilter<M, F>>,
  ): Promise<AggregateRow<M, G, K>[]> {
    return mapped(async () => {
      const condition = this.core.condition(options.filter);
      const tx = this.core.transaction(options.transaction);
      return cachedRead(
        this.core,
        () => `agg:${JSON.stringify([options.metrics, options.groupBy, options.filter])}`,
        tx,
        {},
        () => aggregateRows(this.core, condition, options, tx) as Promise<AggregateRow<M, G, K>[]>,
      );
    });
  }

  /**
   * Parses `?filter[status]=paid&sort=-created_at,id&page[size]=50` with this repository's
   * allowlists and caps; every value is type-checked against the model.
   */
  parseQuery(
    query: string | URLSearchParams,
    limits: QueryStringLimits = {},
  ): ParsedQuery<RepositoryFilter<M, F>> {
    const parsed = parseQueryString(query, { maxPageSize: this.core.maxPageSize, ...limits });
    const filter = coerceQueryFilter(this.core.meta, parsed.filter);
    this.core.condition(filter);
    this.core.sort(parsed.sort);
    return { ...parsed, filter } as ParsedQuery<RepositoryFilter<M, F>>;
  }
}

function checkWindow(limit: unknown, offset: unknown): void {
  const bad = (v: unknown) => v !== undefined && (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0);
  const issues = [
    ...(bad(limit) ? [{ path: 'limit', rule: 'type', message: 'limit must be a non-negative integer' }] : []),
    ...(bad(offset)
      ? [{ path: 'offset', rule: 'type', message: 'offset must be a non-negative integer' }]
      : []),
  ];
  if (issues.length) throw new ValidationError(issues);
}
