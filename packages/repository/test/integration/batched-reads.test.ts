import { isDalkitError, NotFoundError } from '@dalkit/connection';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { Column, DataType, Table, Model as TypedModel } from 'sequelize-typescript';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { repositoryFor } from '../../src/index.js';
import { orderRepository, seed } from '../support/fixtures.js';
import { Order } from '../support/models.js';
import { useTestSequelize } from '../support/setup.js';

@Table({ tableName: 'ledger_entries', underscored: true, timestamps: false })
class LedgerEntry extends TypedModel {
  @Column({ type: DataType.BIGINT, primaryKey: true }) declare id: string;
  @Column({ type: DataType.STRING(40), allowNull: false }) declare memo: string;
}

@Table({ tableName: 'devices', underscored: true, timestamps: false })
class Device extends TypedModel {
  @Column({ type: DataType.UUID, primaryKey: true }) declare id: string;
  @Column({ type: DataType.STRING(40), allowNull: false }) declare label: string;
}

@Table({ tableName: 'countries', underscored: true, timestamps: false })
class Country extends TypedModel {
  @Column({ type: DataType.STRING(2), primaryKey: true }) declare code: string;
  @Column({ type: DataType.STRING(40), allowNull: false }) declare name: string;
}

@Table({ tableName: 'never_created', underscored: true, timestamps: false })
class Missing extends TypedModel {
  @Column({ type: DataType.INTEGER, primaryKey: true }) declare id: number;
}

const DEVICE = '3f1c2a4e-9b7d-4c1e-8a2f-5d6e7f8a9b0c';

/** A repository over `model` whose statements are recorded. */
function recorded<T extends Parameters<typeof repositoryFor>[0]>(
  model: T,
  options: { batch?: boolean } = {},
): { repo: ReturnType<typeof repositoryFor<InstanceType<T>>>; statements: string[] } {
  const statements: string[] = [];
  const repo = repositoryFor(model as never, { ...options, onQuery: (sql) => statements.push(sql) });
  return { repo: repo as never, statements };
}

describeEachTarget('findById batching', (suite) => {
  const sequelize = useTestSequelize(suite);
  const batches = () => suite.database.dialect === 'postgres';
  let ids: number[];
  beforeAll(async () => {
    sequelize().addModels([LedgerEntry, Device, Country, Missing]);
    await Promise.all([LedgerEntry, Device, Country].map((model) => model.sync({ force: true })));
    await LedgerEntry.bulkCreate([
      { id: '9007199254740993', memo: 'past 2^53' },
      { id: '42', memo: 'small' },
    ]);
    await Device.create({ id: DEVICE, label: 'sensor' });
    await Country.bulkCreate([
      { code: 'FR', name: 'France' },
      { code: 'DE', name: 'Germany' },
    ]);
  });
  beforeEach(async () => {
    await seed();
    ids = (await Order.findAll({ order: [['id', 'ASC']] })).map((o) => o.id);
  });

  it('should answer concurrent lookups with one statement on PostgreSQL, each as a single call would', async () => {
    const [first, second, third] = ids as [number, number, number];
    await Order.destroy({ where: { id: third } });
    const single = repositoryFor(Order, { batch: false });
    const asked = [first, 999_999, second, third, first];
    const expected = [];
    for (const id of asked) expected.push(await single.findById(id));
    const { repo, statements } = recorded(Order);

    const found = await Promise.all(asked.map((id) => repo.findById(id)));

    expect(found).toEqual(expected);
    expect(found.map((row) => row?.id ?? null)).toEqual([first, null, second, null, first]);
    if (batches()) {
      expect(statements).toHaveLength(1);
      expect(statements[0]).toContain('= ANY($1)');
    } else {
      expect(statements).toHaveLength(asked.length);
    }
  });

  it('should give each caller of a repeated id its own object', async () => {
    const { repo } = recorded(Order);
    const [a, b] = await Promise.all([repo.findById(ids[0]), repo.findById(ids[0])]);
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
    (a as { note: string }).note = 'changed by the first caller';
    expect((b as { note: string }).note).toBe('gift');
  });

  it('should keep soft-deleted rows apart from lookups that ask for them', async () => {
    await Order.destroy({ where: { id: ids[1] } });
    const { repo, statements } = recorded(Order);
    const [hidden, shown, other] = await Promise.all([
      repo.findById(ids[1]),
      repo.findById(ids[1], { withDeleted: true }),
      repo.findById(ids[0]),
    ]);
    expect(hidden).toBeNull();
    expect(shown?.id).toBe(ids[1]);
    expect(shown?.deletedAt).toBeInstanceOf(Date);
    expect(other?.id).toBe(ids[0]);
    // One statement per shape on PostgreSQL: the deleted-rows lookup ran alone.
    expect(statements).toHaveLength(batches() ? 2 : 3);
  });

  it('should build instances and load includes per caller from a batched read', async () => {
    const repo = orderRepository();
    const [instance, withTags, plain] = await Promise.all([
      repo.findById(ids[0], { instances: true }),
      repo.findById(ids[0], { include: ['tags'] }),
      repo.findById(ids[2]),
    ]);
    expect(instance).toBeInstanceOf(Order);
    expect(instance?.get('note')).toBe('gift');
    expect((withTags as { tags: { label: string }[] }).tags.map((t) => t.label).sort()).toEqual([
      'blue',
      'red',
    ]);
    expect(plain?.note).toBe('Rush');
  });

  it('should not batch inside a transaction, where each lookup sees the uncommitted rows', async () => {
    const { repo, statements } = recorded(Order);
    await sequelize().transaction(async (transaction) => {
      const owner = (await Order.findByPk(ids[0], { transaction }))?.userId;
      const created = await Order.create({ userId: owner, status: 'new', total: 5 }, { transaction });
      const [mine, old] = await Promise.all([
        repo.findById(created.id, { transaction }),
        repo.findById(ids[0], { transaction }),
      ]);
      expect(mine?.total).toBe(5);
      expect(old?.id).toBe(ids[0]);
      expect(statements).toHaveLength(2);
      await Order.destroy({ where: { id: created.id }, force: true, transaction });
    });
  });

  it('should run one statement per call with batch: false', async () => {
    const { repo, statements } = recorded(Order, { batch: false });
    await Promise.all(ids.map((id) => repo.findById(id)));
    expect(statements).toHaveLength(ids.length);
    expect(statements.join()).not.toContain('ANY(');
  });

  it('should split a batch into statements of at most 1,000 keys', async () => {
    const { repo, statements } = recorded(Order);
    const asked = Array.from({ length: 1_500 }, (_, i) =>
      i < ids.length ? (ids[i] as number) : 1_000_000 + i,
    );
    const found = await Promise.all(asked.map((id) => repo.findById(id)));
    expect(found.slice(0, 6).map((row) => row?.id)).toEqual(ids);
    expect(found.slice(6).every((row) => row === null)).toBe(true);
    expect(statements).toHaveLength(batches() ? 2 : asked.length);
  });

  it('should reject every caller of a failed batch with the mapped error', async () => {
    const repo = repositoryFor(Missing);
    const results = await Promise.allSettled([repo.findById(1), repo.findById(2), repo.findById(3)]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const reason = (result as PromiseRejectedResult).reason;
      expect(isDalkitError(reason)).toBe(true);
      expect((reason as { code: string }).code).toBe('QUERY_FAILED');
    }
  });

  it('should reject, not crash, when the statement cannot even be sent', async () => {
    const repo = repositoryFor(Order, {
      onQuery: () => {
        throw new Error('metrics backend down');
      },
    });
    const results = await Promise.allSettled([repo.findById(ids[0]), repo.findById(ids[1])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const lone = await Promise.allSettled([repo.findById(ids[0])]);
    expect(lone[0]?.status).toBe('rejected');
  });

  it('should report each absent id through getById while its neighbours resolve', async () => {
    const repo = orderRepository();
    const [found, missing] = await Promise.allSettled([repo.getById(ids[0]), repo.getById(424_242)]);
    expect(found.status === 'fulfilled' && found.value.id).toBe(ids[0]);
    expect(missing.status === 'rejected' && missing.reason).toBeInstanceOf(NotFoundError);
    expect((missing as PromiseRejectedResult).reason.message).toContain('424242');
  });

  describe('key types', () => {
    it('should match bigint keys past 2^53, given as strings or numbers', async () => {
      const { repo, statements } = recorded(LedgerEntry);
      const [big, small, smallAsString, absent] = await Promise.all([
        repo.findById('9007199254740993'),
        repo.findById(42),
        repo.findById('42'),
        repo.findById('9007199254740994'),
      ]);
      expect(big?.memo).toBe('past 2^53');
      expect(small?.memo).toBe('small');
      expect(smallAsString?.memo).toBe('small');
      expect(absent).toBeNull();
      expect(statements).toHaveLength(batches() ? 1 : 4);
    });

    it('should match UUID keys as a single lookup does, whatever their letter case', async () => {
      const asked = [DEVICE, DEVICE.toUpperCase(), '00000000-0000-4000-8000-000000000000'];
      const single = repositoryFor(Device, { batch: false });
      const expected = [];
      for (const id of asked) expected.push(await single.findById(id));
      const { repo, statements } = recorded(Device);

      const found = await Promise.all(asked.map((id) => repo.findById(id)));

      expect(found).toEqual(expected);
      expect(found[0]?.label).toBe('sensor');
      expect(found[2]).toBeNull();
      // PostgreSQL's uuid type ignores case; MariaDB stores CHAR(36) BINARY and matches exactly.
      expect(found[1]?.label ?? null).toBe(batches() ? 'sensor' : null);
      expect(statements).toHaveLength(batches() ? 1 : 3);
    });

    it('should not batch text keys, whose matching depends on the collation', async () => {
      const { repo, statements } = recorded(Country);
      const [fr, de] = await Promise.all([repo.findById('FR'), repo.findById('DE')]);
      expect([fr?.name, de?.name]).toEqual(['France', 'Germany']);
      expect(statements).toHaveLength(2);
    });
  });
});
