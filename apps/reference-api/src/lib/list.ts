import type { CursorPage, OffsetPage } from '../_pending/repository.js';

/** The `{ items, page }` body of a list endpoint, from either kind of page. */
export function toListBody<M, T>(result: OffsetPage<M> | CursorPage<M>, map: (item: M) => T) {
  const items = result.items.map(map);
  if ('nextCursor' in result) {
    return {
      items,
      page: { pageSize: result.pageSize, hasNext: result.hasNextPage, nextCursor: result.nextCursor },
    };
  }
  return {
    items,
    page: { page: result.page, pageSize: result.pageSize, total: result.total, hasNext: result.hasNext },
  };
}
