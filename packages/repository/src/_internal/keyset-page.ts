import { ValidationError } from '@dalkit/connection';
import type { Transaction } from 'sequelize';
import type { KeysetOptions, KeysetPage } from '../types.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { ExactSortKeys } from './exact-sort-keys.js';
import type { Condition } from './filter-ast.js';
import { joinableRelations } from './join-to-one.js';
import { assertKeysetSortable, keysetPredicate, sortShape } from './keyset.js';
import { finishRows, selectRows, whereOf } from './reads.js';
import type { RepositoryCore } from './repository-core.js';
import { ROOT } from './select-sql.js';
import { compileOrderBy } from './sort.js';

/** Reads one keyset page: LIMIT n+1 past the cursor in the listing's (or reversed) order. */
export async function keysetPage(
  core: RepositoryCore,
  condition: Condition | undefined,
  options: KeysetOptions<string>,
  tx: Transaction | undefined,
): Promise<KeysetPage<unknown>> {
  const backward = options.last !== undefined || options.before !== undefined;
  if (backward && (options.first !== undefined || options.after !== undefined)) {
    throw new ValidationError([
      { path: 'first', rule: 'conflict', message: 'first/after and last/before cannot be combined' },
    ]);
  }
  const size = core.pageSize(backward ? options.last : options.first, backward ? 'last' : 'first');
  const terms = core.sort(options.sort);
  assertKeysetSortable(terms);
  const shape = sortShape(core.meta, terms);
  const cursor = backward ? options.before : options.after;
  const path = backward ? 'before' : 'after';
  const values =
    cursor === undefined ? undefined : decodeCursor(core.cursorSecret, cursor, shape, terms.length, path);
  const include = core.includes(options.include);
  const sql = core.sql();
  const base = whereOf(core, sql, condition, options);
  const seek = values && keysetPredicate(sql, terms, values, !backward);
  const where = [base, seek].filter(Boolean).join(' AND ') || undefined;
  const orderBy = compileOrderBy(sql, ROOT, terms, backward);
  const joins = joinableRelations(sql, core.meta, include);
  const keys = new ExactSortKeys(sql, terms);
  const rows = await selectRows(
    core,
    sql,
    { where, orderBy, limit: size + 1, lock: options.lock, joins, extraColumns: keys.columns },
    tx,
    (decoder) => keys.decoding(decoder),
  );
  const more = rows.length > size;
  const page = rows.slice(0, size);
  if (backward) page.reverse();
  const cursorOf = (row: Record<string, unknown> | undefined) =>
    row ? encodeCursor(core.cursorSecret, { shape, values: keys.valuesOf(row, terms) }) : null;
  const cursors = options.withCursors ? page.map((row) => cursorOf(row) as string) : undefined;
  const startCursor = cursorOf(page[0]);
  const endCursor = cursorOf(page[page.length - 1]);
  const items = await finishRows(core, page, include, joins, options, tx);
  return {
    items,
    ...(cursors ? { cursors } : {}),
    pageInfo: {
      hasNextPage: backward ? cursor !== undefined : more,
      hasPreviousPage: backward ? more : cursor !== undefined,
      startCursor,
      endCursor,
    },
  };
}
