import { NotFoundError, ValidationError } from '@dalkit/connection';
import type { Model } from 'sequelize';
import { instanceBuilder } from './_internal/build-instances.js';
import { insertMany } from './_internal/bulk-insert.js';
import { canWriteDirectly, insertDirectly, updateDirectly } from './_internal/fast-writes.js';
import { mapped } from './_internal/mapped.js';
import { checkId } from './_internal/pk.js';
import { deleteWhereSql, preparePatch, updateWhereSql } from './_internal/writes.js';
import { ReadRepository } from './read-repository.js';
import type {
  CallOptions,
  CreateInput,
  CreateManyOptions,
  Plain,
  ReadResult,
  RepositoryFilter,
  UpsertOptions,
} from './types.js';

/**
 * Data access for one model: everything {@link ReadRepository} reads plus create, createMany,
 * update, updateWhere, delete, deleteWhere and upsert, with mapped errors and cache
 * invalidation. Use it directly through {@link repositoryFor} or subclass it for domain
 * queries. `F` are the filterable paths and `S` the sortable attributes, so filters and sorts
 * are checked at compile time and at run time.
 */
export class Repository<
  M extends Model,
  F extends string = never,
  S extends string = never,
> extends ReadRepository<M, F, S> {
  /**
   * Inserts one row and returns it as stored (every attribute, database defaults included).
   * Validation always runs; on PostgreSQL, for a model without instance hooks, it is one
   * INSERT … RETURNING, otherwise `Model.create` (hooks run), followed on MariaDB, which has no
   * RETURNING, by a read of the new row in the same transaction.
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
        result = options?.instances ? instanceBuilder(this.core.meta.model, [])(row) : row;
      } else {
        const instance = await this.model.create(data, { transaction: tx });
        if (this.core.executor.dialect !== 'postgres') await instance.reload({ transaction: tx });
        result = options?.instances ? instance : instance.get({ plain: true });
      }
      await this.core.invalidate(tx);
      return result as ReadResult<M, O>;
    });
  }

  /** Inserts many rows in batches (COPY or unnest() on PostgreSQL, chunked VALUES elsewhere); returns the count. */
  createMany(rows: readonly CreateInput<M>[], options: CreateManyOptions = {}): Promise<number> {
    return mapped(async () => {
      const tx = this.core.transaction(options.transaction);
      const count = await insertMany(this.core, rows, options.validate === true, tx);
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
        result = options?.instances ? instanceBuilder(this.core.meta.model, [])(row) : row;
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
}
