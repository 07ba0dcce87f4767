import { describeEachTarget } from '@dalkit/testing/vitest';
import { Column, DataType, Table, Model as TypedModel } from 'sequelize-typescript';
import { beforeAll, expect, it } from 'vitest';
import { repositoryFor } from '../../src/index.js';
import { useTestSequelize } from '../support/setup.js';

@Table({ tableName: 'readings', underscored: true, timestamps: false })
class Reading extends TypedModel {
  @Column({ type: DataType.INTEGER, primaryKey: true }) declare id: number;
  @Column({ type: DataType.DATE(6), allowNull: false }) declare takenAt: Date;
}

/**
 * Microsecond timestamps (what `now()` and most other writers store) that a JavaScript Date
 * cannot hold: several rows share each millisecond, in an order that differs from their ids.
 */
const TAKEN = [
  [1, '2026-03-01 10:00:00.000900'],
  [2, '2026-03-01 10:00:00.000100'],
  [3, '2026-03-01 10:00:00.000500'],
  [4, '2026-03-01 10:00:00.000500'],
  [5, '2026-03-01 10:00:00.001700'],
  [6, '2026-03-01 10:00:00.001200'],
  [7, '2026-03-01 10:00:00.000000'],
  [8, '2026-03-01 10:00:00.001200'],
] as const;

describeEachTarget('keyset pagination over sub-millisecond timestamps', (suite) => {
  const sequelize = useTestSequelize(suite);
  beforeAll(async () => {
    sequelize().addModels([Reading]);
    await Reading.sync({ force: true });
    const q = sequelize().getQueryInterface().quoteIdentifier.bind(sequelize().getQueryInterface());
    for (const [id, at] of TAKEN) {
      const value = suite.database.dialect === 'postgres' ? `${at}+00` : at;
      await sequelize().query(`INSERT INTO ${q('readings')} (${q('id')}, ${q('taken_at')}) VALUES (?, ?)`, {
        replacements: [id, value],
      });
    }
  });

  /** Every id in listing order, walking pages of `size` in `sort` order from one end (at most 20 pages). */
  async function walkFrom(end: 'start' | 'end', sort: '-takenAt' | 'takenAt', size: number) {
    const repo = repositoryFor(Reading, { sortable: ['takenAt'], cursorSecret: 's' });
    const forward = end === 'start';
    const ids: number[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 20; guard++) {
      const page = await repo.findKeysetPage(
        {},
        forward ? { first: size, sort, after: cursor } : { last: size, sort, before: cursor },
      );
      const pageIds = page.items.map((r) => r.id);
      if (forward) ids.push(...pageIds);
      else ids.unshift(...pageIds);
      if (!(forward ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage)) break;
      cursor = (forward ? page.pageInfo.endCursor : page.pageInfo.startCursor) ?? undefined;
    }
    return ids;
  }

  /** Every id, walking pages of `size` in `sort` order forward from the start, then backward. */
  async function walk(sort: '-takenAt' | 'takenAt', size: number) {
    return { forward: await walkFrom('start', sort, size), backward: await walkFrom('end', sort, size) };
  }

  const expected = (descending: boolean) =>
    [...TAKEN]
      .sort(([ia, a], [ib, b]) => (a === b ? ia - ib : a < b ? -1 : 1) * (descending ? -1 : 1))
      .map(([id]) => id);

  for (const size of [1, 2, 3]) {
    it(`should visit every row once, newest first, in pages of ${size}`, async () => {
      const { forward, backward } = await walk('-takenAt', size);
      expect(forward).toEqual(expected(true));
      expect(backward).toEqual(expected(true));
    });

    it(`should visit every row once, oldest first, in pages of ${size}`, async () => {
      const { forward, backward } = await walk('takenAt', size);
      expect(forward).toEqual(expected(false));
      expect(backward).toEqual(expected(false));
    });
  }
});
