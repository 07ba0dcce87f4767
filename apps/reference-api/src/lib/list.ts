import type { KeysetPage, OffsetPage, ParsedQuery } from '@dalkit/repository';
import type { FastifyRequest } from 'fastify';

/** The three repository methods a list endpoint needs (any `ReadRepository` has them). */
export interface ListSource<Flt> {
  parseQuery(query: string | URLSearchParams): ParsedQuery<Flt>;
  findPage(
    filter: Flt | undefined,
    options: { sort?: string; instances?: boolean; page?: number; pageSize?: number },
  ): Promise<OffsetPage<unknown>>;
  findKeysetPage(
    filter: Flt | undefined,
    options: {
      sort?: string;
      instances?: boolean;
      first?: number;
      after?: string;
      last?: number;
      before?: string;
    },
  ): Promise<KeysetPage<unknown>>;
}

/** Pagination facts of a list response. */
export interface PageInfo {
  pageSize: number;
  hasNext: boolean;
  /** Offset pagination only. */
  page?: number;
  total?: number | null;
  /** Cursor pagination only: pass as `page[after]` for the next page. */
  nextCursor?: string | null;
  /** Cursor pagination only: pass as `page[before]` for the previous page. */
  prevCursor?: string | null;
}

/** The raw query string of a request (without `?`). */
export function rawQuery(request: FastifyRequest): string {
  const index = request.url.indexOf('?');
  return index === -1 ? '' : request.url.slice(index + 1);
}

/**
 * Runs a list request through the repository's query-string parser: `filter[...]`, `sort`,
 * and either offset pages (`page[number]`, `page[size]`) or keyset pages (`page[after]`,
 * empty for the first page, or `page[before]`). Every field, operator and value is checked
 * against the repository's allowlists before any SQL.
 */
export async function listPage<Flt>(
  repository: ListSource<Flt>,
  query: string | URLSearchParams,
  options: { instances?: boolean } = {},
): Promise<{ items: unknown[]; page: PageInfo }> {
  const parsed = repository.parseQuery(query);
  const { size, after, before } = parsed.page;
  const read = { sort: parsed.sort, instances: options.instances === true };
  if (after !== undefined || before !== undefined) {
    const page = await repository.findKeysetPage(parsed.filter, {
      ...read,
      ...(before ? { last: size, before } : { first: size, ...(after ? { after } : {}) }),
    });
    const info = page.pageInfo;
    return {
      items: page.items,
      page: {
        pageSize: page.items.length,
        hasNext: info.hasNextPage,
        nextCursor: info.hasNextPage ? info.endCursor : null,
        prevCursor: info.hasPreviousPage ? info.startCursor : null,
      },
    };
  }
  const page = await repository.findPage(parsed.filter, {
    ...read,
    page: parsed.page.number,
    pageSize: size,
  });
  return {
    items: page.items,
    page: { page: page.page, pageSize: page.pageSize, total: page.total ?? null, hasNext: page.hasNext },
  };
}
