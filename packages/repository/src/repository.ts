import { NotFoundError, ValidationError } from '@dalkit/connection';
import type { Model, ModelStatic, Transaction } from 'sequelize';
import { aggregateRows } from './_internal/aggregate.js';
import { BulkInserter } from './_internal/bulk-insert.js';
import { coerceQueryFilter } from './_internal/coerce-query-filter.js';
import { compileWhere } from './_internal/compile-filter.js';
import { createRows } from './_internal/create-rows.js';
import { canWriteDirectly, insertDirectly, updateDirectly } from './_internal/fast-writes.js';
import { joinableRelations, reviveJoined } from './_internal/join-to-one.js';
import { keysetPage } from './_internal/keyset-page.js';
import { mapError } from './_internal/map-error.js';
import type { RelationMeta } from './_internal/model-meta.js';
import { checkId } from './_internal/pk.js';
import { cachedRead, finishRows, selectRows, whereOf } from './_internal/reads.js';
import { RepositoryCore } from './_internal/repository-core.js';
import { ROOT, selectSql } from './_internal/select-sql.js';
import { compileOrderBy } from './_internal/sort.js';
import { deleteWhereSql, preparePatch, updateWhereSql } from './_internal/writes.js';
import { type ParsedQuery, parseQueryString, type QueryStringLimits } from './query-string.js';
import type {
  AggregateOptions,
  AggregateRow,
  CallOptions,
  CreateInput,
  CreateManyOptions,
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
  UpsertOptions,
} from './types.js';

async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw mapError(error);
  }
}

/**
 * Data access for one model: CRUD, allowlisted filters and sorting, offset and keyset
 * pagination, aggregates, mapped errors and an optional read cache. Use it directly through
 * {@link repositoryFor} or subclass it for domain queries. `F` are the filterable paths and `S`
 * the sortable attributes, so filters and sorts are checked at compile time and at run time.
 */
export class Repository<M extends Model, F extends string = never, S extends string = never> {
  /** @internal resolved configuration shared with the internal helpers. */
  protected readonly core: RepositoryCore;
  private inserter: BulkInserter | undefined;

  constructor(model: ModelStatic<M>, options: RepositoryOptions<F, S> = {}) {
    this.core = new RepositoryCore(model as unknown as ModelStatic<Model>, options);
  }

  /** The model this repository reads and writes. */
  get model(): ModelStatic<M> {
    return this.core.meta.model as unknown as ModelStatic<M>;
  }

  /** The row with this primary key, or null. */
  findById<O extends ReadOptions = ReadOptions>(id: unknown, options?: O): Promise<ReadResult<M, O> | null> {
    return mapped(async () => {
      const key = checkId(this.core.meta, id);
      const opts = options ?? ({} as O);
      const tx = this.core.transaction(opts.transaction);
      this.core.assertLockable(opts.lock, tx);
      const include = this.core.includes(opts.include);
      return cachedRead(
        this.core,
        () => `id:${JSON.stringify([key, include, opts.withDeleted])}`,
        tx,
        opts,
        async () => {
          const joins = joinableRelations(this.core.sql(), this.core.meta, include);
          const text = this.byIdSql(opts, joins);
          const { rows } = await this.core.executor.run(text, [key], {
            transaction: tx,
            kind: 'select',
            prepare: this.core.prepare,
          });
          if (rows[0]) this.core.mapper.fix(this.core.meta, rows[0]);
          if (joins.length) reviveJoined(rows, joins);
          const [row] = await finishRows(this.core, rows, include, opts, tx);
          return (row ?? null) as ReadResult<M, O> | null;
        },
      );
    });
  }

  /** The findById statement, compiled once per shape (deleted rows shown or not, lock). */
  private byIdSql(options: ReadOptions, joins: readonly RelationMeta[]): string {
    const shape = `byId:${options.withDeleted === true}:${JSON.stringify(options.lock ?? null)}:${joins.map((r) => r.name).join()}`;
    return this.core.compiled(shape, () => {
      const sql = this.core.sql();
      const pk = `${sql.column(ROOT, this.core.meta.primaryKey.column)} = ${sql.param(undefined)}`;
      const paranoid = compileWhere(sql, this.core.meta, ROOT, undefined, options.withDeleted);
      return selectSql(sql, this.core.meta, {
        where: paranoid ? `${pk} AND ${paranoid}` : pk,
        lock: options.lock,
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
        const rows = await selectRows(
          this.core,
          sql,
          {
            where,
            orderBy,
            limit: opts.limit,
            offset: opts.offset,
            lock: opts.lock,
            joins: joinableRelations(sql, this.core.meta, include),
          },
          tx,
        );
        return (await finishRows(this.core, rows, include, opts, tx)) as ReadResult<M, O>[];
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
          const text = `SELECT 1 AS ${sql.id('one')} FROM ${sql.table(this.core.meta.table, this.core.meta.schema)} AS ${sql.id(ROOT)}${where ? ` WHERE ${where}` : ''} LIMIT 1`;
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
    const text = `SELECT COUNT(*) AS ${sql.id('n')} FROM ${sql.table(this.core.meta.table, this.core.meta.schema)} AS ${sql.id(ROOT)}${where ? ` WHERE ${where}` : ''}`;
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
   * Inserts one row and returns it. Validation always runs; on PostgreSQL, for a model without
   * instance hooks, it is one INSERT … RETURNING, otherwise `Model.create` (hooks run).
   */
  create<O extends CallOptions & { instances?: boolean }>(
    data: CreateInput<M>,
    options?: O,
  ): Promise<ReadResult<M, O>> {
    return mapped(async () => {
      const tx = this.core.transaction(options?.transaction);
      let result: unknown;
      if (canWriteDirectly(this.core)) {
        const row = await insertDirectly(this.core, data, tx);
        result = options?.instances ? this.model.build(row as never, { isNewRecord: false, raw: true }) : row;
      } else {
        const instance = await this.model.create(data, { transaction: tx });
        result = options?.instances ? instance : instance.get({ plain: true });
      }
      await this.core.invalidate(tx);
      return result as ReadResult<M, O>;
    });
  }

  /** Inserts many rows in batches (unnest() on PostgreSQL, chunked VALUES elsewhere); returns the count. */
  createMany(rows: readonly CreateInput<M>[], options: CreateManyOptions = {}): Promise<number> {
    return mapped(async () => {
      const tx = this.core.transaction(options.transaction);
      const { columns, values } = await createRows(this.core, rows, options.validate === true);
      this.inserter ??= new BulkInserter(this.core.executor, this.core.meta);
      const count = await this.inserter.insert(columns, values, tx);
      await this.core.invalidate(tx);
      return count;
    });
  }

  /**
   * Updates one row by primary key and returns it; NotFoundError when it does not exist. On
   * PostgreSQL, for a model without instance hooks, it is one UPDATE … RETURNING; otherwise the
   * row is read (locked inside a transaction) and saved through Sequelize so hooks run.
   */
  update<O extends CallOptions & { instances?: boolean }>(
    id: unknown,
    patch: Partial<CreateInput<M>>,
    options?: O,
  ): Promise<ReadResult<M, O>> {
    return mapped(async () => {
      const key = checkId(this.core.meta, id);
      const tx = this.core.transaction(options?.transaction);
      const values = await preparePatch(this.core, patch);
      let result: unknown;
      if (canWriteDirectly(this.core)) {
        const row = await updateDirectly(this.core, key, values, tx);
        if (!row) throw new NotFoundError(this.core.meta.name, id);
        result = options?.instances ? this.model.build(row as never, { isNewRecord: false, raw: true }) : row;
      } else {
        const instance = await this.model.findByPk(
          key as never,
          { transaction: tx, lock: tx ? true : undefined } as never,
        );
        if (!instance) throw new NotFoundError(this.core.meta.name, id);
        await instance.update(patch as never, { transaction: tx });
        result = options?.instances ? instance : instance.get({ plain: true });
      }
      await this.core.invalidate(tx);
      return result as ReadResult<M, O>;
    });
  }

  /** Updates every row matching the filter in one statement (no per-row hooks); returns the count. */
  updateWhere(
    filter: RepositoryFilter<M, F>,
    patch: Partial<CreateInput<M>>,
    options: CallOptions = {},
  ): Promise<number> {
    return mapped(async () => {
      const condition = this.core.condition(filter);
      const values = await preparePatch(this.core, patch);
      const tx = this.core.transaction(options.transaction);
      const count = await updateWhereSql(this.core, condition, values, tx);
      await this.core.invalidate(tx);
      return count;
    });
  }

  /** Deletes one row (soft-deletes when the model is paranoid, unless `force`); NotFoundError when absent. */
  delete(id: unknown, options: CallOptions & { force?: boolean } = {}): Promise<void> {
    return mapped(async () => {
      const key = checkId(this.core.meta, id);
      const tx = this.core.transaction(options.transaction);
      const where = { [this.core.meta.primaryKey.name]: key };
      const count = await this.model.destroy({
        where: where as never,
        transaction: tx,
        force: options.force === true,
      });
      if (count === 0) throw new NotFoundError(this.core.meta.name, id);
      await this.core.invalidate(tx);
    });
  }

  /** Deletes (or soft-deletes) every row matching the filter; returns the count. An empty filter is refused. */
  deleteWhere(filter: RepositoryFilter<M, F>, options: CallOptions = {}): Promise<number> {
    return mapped(async () => {
      const condition = this.core.condition(filter);
      if (!condition) {
        throw new ValidationError([
          { path: 'filter', rule: 'required', message: 'filter must not be empty for deleteWhere' },
        ]);
      }
      const tx = this.core.transaction(options.transaction);
      const count = await deleteWhereSql(this.core, condition, tx);
      await this.core.invalidate(tx);
      return count;
    });
  }

  /** Inserts, or updates on a conflict on `conflictOn`; returns the row and whether it was created. */
  upsert(
    data: CreateInput<M>,
    options: UpsertOptions<M>,
  ): Promise<{ item: Plain<M>; created: boolean | null }> {
    return mapped(async () => {
      const bad = options.conflictOn.filter((f) => !this.core.meta.attributes.has(f));
      if (!options.conflictOn.length || bad.length) {
        throw new ValidationError([
          {
            path: 'conflictOn',
            rule: 'unknownField',
            message: 'conflictOn must list attributes of the model',
          },
        ]);
      }
      const tx = this.core.transaction(options.transaction);
      const [instance, created] = await this.model.upsert(data, {
        transaction: tx,
        conflictFields: [...options.conflictOn] as never,
        returning: true,
      });
      await this.core.invalidate(tx);
      if (this.core.executor.dialect === 'postgres')
        return { item: instance.get({ plain: true }) as Plain<M>, created };
      const where = Object.fromEntries(
        options.conflictOn.map((f) => [f, (data as Record<string, unknown>)[f]]),
      );
      const fresh = await this.model.findOne({ where: where as never, transaction: tx });
      return { item: (fresh ?? instance).get({ plain: true }) as Plain<M>, created };
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
