/**
 * PENDING: stands in for `Repository` of @dalkit/repository (issue 6) until it lands: CRUD
 * with NotFound errors, and list pages (offset with total, or keyset with an opaque cursor)
 * built from a validated {@link ListRequest}, with every value bound.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { NotFoundError, ValidationError } from '@dalkit/connection';
import type { Transaction, WhereOptions } from 'sequelize';
import type { Model, ModelCtor } from 'sequelize-typescript';
import type { ListRequest, SortKey } from './list-query.js';

/** One offset page. */
export interface OffsetPage<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number | null;
  hasNext: boolean;
}
/** One keyset page. */
export interface CursorPage<T> {
  items: T[];
  pageSize: number;
  nextCursor: string | null;
  hasNextPage: boolean;
}

const OPS: Record<string, string> = {
  eq: '=',
  ne: '<>',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  like: 'LIKE',
  ilike: 'ILIKE',
};

/** CRUD and list pages over one model. */
export class Repository<M extends Model> {
  constructor(
    readonly model: ModelCtor<M>,
    readonly entity: string,
  ) {}

  /** The row as a plain object, or null. */
  async findById(id: string, options: { transaction?: Transaction; lock?: boolean } = {}): Promise<M | null> {
    return this.model.findByPk(id, { transaction: options.transaction, lock: options.lock });
  }

  /** The row, or a `NotFoundError` naming the entity and id. */
  async getById(id: string, options: { transaction?: Transaction; lock?: boolean } = {}): Promise<M> {
    const row = await this.findById(id, options);
    if (!row) throw new NotFoundError(this.entity, id);
    return row;
  }

  /** Inserts one row. */
  create(data: Record<string, unknown>, options: { transaction?: Transaction } = {}): Promise<M> {
    return this.model.create(data as never, { transaction: options.transaction });
  }

  /** Applies `patch`; `NotFoundError` when absent. */
  async update(
    id: string,
    patch: Record<string, unknown>,
    options: { transaction?: Transaction } = {},
  ): Promise<M> {
    const row = await this.getById(id, options);
    return row.update(patch, { transaction: options.transaction });
  }

  /** Deletes by id; `NotFoundError` when absent. */
  async delete(id: string, options: { transaction?: Transaction } = {}): Promise<void> {
    const count = await this.model.destroy({
      where: { id } as WhereOptions,
      transaction: options.transaction,
    });
    if (count === 0) throw new NotFoundError(this.entity, id);
  }

  /** A page of rows as model instances (getters applied), per `request`. */
  async list(request: ListRequest): Promise<OffsetPage<M> | CursorPage<M>> {
    const sequelize = this.model.sequelize;
    if (!sequelize) throw new Error(`${this.entity} is not registered`);
    const qi = sequelize.getQueryInterface();
    const q = (name: string) => qi.quoteIdentifier(name);
    const attributes = this.model.getAttributes() as Record<string, { field?: string }>;
    const column = (attr: string) => q(attributes[attr]?.field ?? attr);
    const bind: unknown[] = [];
    const param = (v: unknown) => {
      bind.push(v);
      return `$${bind.length}`;
    };
    const where: string[] = [];
    for (const c of request.conditions) {
      if (c.op === 'isNull') where.push(`${column(c.field)} IS ${c.value ? '' : 'NOT '}NULL`);
      else if (c.op === 'in')
        where.push(`${column(c.field)} IN (${(c.value as unknown[]).map(param).join(', ')})`);
      else where.push(`${column(c.field)} ${OPS[c.op]} ${param(c.value)}`);
    }
    const sort: SortKey[] = [
      ...request.sort,
      ...(request.sort.some((s) => s.field === 'id')
        ? []
        : [{ field: 'id', direction: request.sort.at(-1)?.direction ?? 'ASC' } as SortKey]),
    ];
    const sortSig = sort.map((s) => `${s.direction === 'DESC' ? '-' : ''}${s.field}`).join(',');
    if (request.page.kind === 'cursor' && request.page.after) {
      const values = decodeCursor(request.page.after, sortSig, sort.length);
      where.push(keysetCondition(sort, values, column, param));
    }
    const select = Object.entries(attributes)
      .map(([attr, def]) => `${q(def.field ?? attr)} AS ${q(attr)}`)
      .join(', ');
    const whereSql = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const orderSql = sort.map((s) => `${column(s.field)} ${s.direction}`).join(', ');
    const size = request.page.size;
    const offset = request.page.kind === 'offset' ? (request.page.number - 1) * size : 0;
    const table = q(this.model.getTableName() as string);
    const sql = `SELECT ${select} FROM ${table}${whereSql} ORDER BY ${orderSql} LIMIT ${size + 1} OFFSET ${offset}`;
    const countBind = [...bind];
    const [rows] = await sequelize.query(sql, { bind });
    const hasMore = rows.length > size;
    const items = this.model.bulkBuild(rows.slice(0, size) as never[], { raw: true, isNewRecord: false });
    if (request.page.kind === 'cursor') {
      const last = items.at(-1);
      const nextCursor =
        hasMore && last
          ? encodeCursor(
              sortSig,
              sort.map((s) => last.getDataValue(s.field as never)),
            )
          : null;
      return { items, pageSize: size, nextCursor, hasNextPage: hasMore };
    }
    let total: number | null = null;
    if (request.page.withTotal) {
      const [countRows] = await sequelize.query(`SELECT count(*) AS n FROM ${table}${whereSql}`, {
        bind: countBind,
      });
      total = Number((countRows as { n: string }[])[0]?.n ?? 0);
    }
    return { items, page: request.page.number, pageSize: size, total, hasNext: hasMore };
  }
}

function keysetCondition(
  sort: SortKey[],
  values: unknown[],
  column: (a: string) => string,
  param: (v: unknown) => string,
) {
  const sameDirection = sort.every((s) => s.direction === sort[0]?.direction);
  if (sameDirection) {
    const op = sort[0]?.direction === 'DESC' ? '<' : '>';
    return `(${sort.map((s) => column(s.field)).join(', ')}) ${op} (${values.map(param).join(', ')})`;
  }
  const ors = sort.map((s, i) => {
    const eqs = sort.slice(0, i).map((p, j) => `${column(p.field)} = ${param(values[j])}`);
    return `(${[...eqs, `${column(s.field)} ${s.direction === 'DESC' ? '<' : '>'} ${param(values[i])}`].join(' AND ')})`;
  });
  return `(${ors.join(' OR ')})`;
}

/** Cursors are signed: a tampered or foreign cursor is a ValidationError, never SQL. */
const CURSOR_KEY = randomBytes(32);
const sign = (body: string) => createHmac('sha256', CURSOR_KEY).update(body).digest().subarray(0, 16);

function encodeCursor(sortSig: string, values: unknown[]): string {
  const plain = values.map((v) => (v instanceof Date ? { d: v.toISOString() } : v));
  const body = Buffer.from(JSON.stringify({ s: sortSig, v: plain })).toString('base64url');
  return `${body}.${sign(body).toString('base64url')}`;
}

function decodeCursor(cursor: string, sortSig: string, length: number): unknown[] {
  const invalid = () =>
    new ValidationError([
      { path: 'page[after]', rule: 'cursor', message: 'page[after] is not a valid cursor for this sort' },
    ]);
  const [body = '', mac = ''] = cursor.split('.');
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== 16 || !timingSafeEqual(given, sign(body))) throw invalid();
  let parsed: { s?: unknown; v?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (parsed.s !== sortSig || !Array.isArray(parsed.v) || parsed.v.length !== length) throw invalid();
  return parsed.v.map((v) => {
    if (v !== null && typeof v === 'object') {
      const d = (v as { d?: unknown }).d;
      if (typeof d !== 'string' || Number.isNaN(Date.parse(d))) throw invalid();
      return new Date(d);
    }
    if (!['string', 'number'].includes(typeof v) && v !== null) throw invalid();
    return v;
  });
}
