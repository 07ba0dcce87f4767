import { ConstraintViolationError, isDalkitError, type ValidationError } from '@dalkit/connection';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { Column, DataType, Model, Sequelize, Table } from 'sequelize-typescript';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { repositoryFor } from '../../src/index.js';
import { orderRepository, seed } from '../support/fixtures.js';
import { Order, User } from '../support/models.js';
import { openTestSequelize } from '../support/setup.js';

describeEachTarget('Repository error mapping', (suite) => {
  let sequelize: Sequelize;
  let users: Awaited<ReturnType<typeof seed>>;
  const repo = () => orderRepository();

  beforeAll(async () => {
    sequelize = await openTestSequelize(suite.database);
    await sequelize.query('ALTER TABLE orders ADD CONSTRAINT orders_total_nonnegative CHECK (total >= 0)');
  });
  afterAll(async () => {
    await sequelize?.close();
  });
  beforeEach(async () => {
    users = await seed();
  });

  it('should map a unique violation with its columns', async () => {
    const error = await repositoryFor(User)
      .create({ email: 'ann@x.com', name: 'Twin' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConstraintViolationError);
    expect(error.code).toBe('UNIQUE_VIOLATION');
    // MariaDB names the key after its column and reports no column list.
    expect([...error.columns, error.constraint].join(' ')).toContain('email');
    expect(await User.count()).toBe(3);
  });

  it('should map a foreign-key violation', async () => {
    const error = await repo()
      .createMany([{ userId: 987_654, status: 'new', total: 1, placedAt: new Date() }])
      .catch((e) => e);
    expect(isDalkitError(error, 'FOREIGN_KEY_VIOLATION')).toBe(true);
  });

  it('should map a not-null violation from the database', async () => {
    const error = await repo()
      .createMany([{ userId: users.ann.id, status: null as never, total: 1, placedAt: new Date() }])
      .catch((e) => e);
    expect(isDalkitError(error, 'NOT_NULL_VIOLATION')).toBe(true);
  });

  it('should map a check violation', async () => {
    const error = await repo()
      .updateWhere({ status: 'paid' }, { total: -5 })
      .catch((e) => e);
    expect(isDalkitError(error, 'CHECK_VIOLATION')).toBe(true);
    expect(await Order.count({ where: { total: -5 } })).toBe(0);
  });

  it('should map model validation with every failing field', async () => {
    const error = await repositoryFor(User)
      .create({ email: 'not-an-email', name: null as never })
      .catch((e) => e);
    expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
    expect((error as ValidationError).issues.map((i) => i.path).sort()).toEqual(['email', 'name']);
  });

  it('should map an unreachable database to a connection error', async () => {
    const dialect = suite.database.dialect === 'postgres' ? 'postgres' : 'mysql';
    const offline = new Sequelize({
      dialect,
      host: '127.0.0.1',
      port: 1,
      username: 'x',
      database: 'x',
      logging: false,
      pool: { max: 1, acquire: 2000 },
    });
    @Table({ tableName: 'lost', timestamps: false })
    class Lost extends Model {
      @Column({ type: DataType.INTEGER, primaryKey: true }) declare id: number;
    }
    offline.addModels([Lost]);
    const error = await repositoryFor(Lost)
      .findById(1)
      .catch((e) => e);
    await offline.close();
    expect(isDalkitError(error)).toBe(true);
    expect(['CONNECTION_FAILED', 'TRANSIENT', 'TIMEOUT']).toContain(error.code);
  });
});

describeEachTarget(
  'Repository lock errors',
  (suite) => {
    let sequelize: Sequelize;
    beforeAll(async () => {
      sequelize = await openTestSequelize(suite.database);
      await seed();
    });
    afterAll(async () => {
      await sequelize?.close();
    });

    it('should map a lock wait timeout to a transient error', async () => {
      const [first] = await orderRepository().findAll({}, { sort: 'id', limit: 1 });
      const holder = await sequelize.transaction();
      const waiter = await sequelize.transaction();
      try {
        await orderRepository().findById(first?.id, { transaction: holder, lock: 'update' });
        const timeout =
          suite.database.dialect === 'postgres'
            ? "SET LOCAL lock_timeout = '200ms'"
            : 'SET SESSION innodb_lock_wait_timeout = 1';
        await sequelize.query(timeout, { transaction: waiter });
        const error = await orderRepository()
          .update(first?.id, { note: 'x' }, { transaction: waiter })
          .catch((e) => e);
        expect(isDalkitError(error)).toBe(true);
        expect(['TRANSIENT', 'TIMEOUT']).toContain(error.code);
      } finally {
        await waiter.rollback();
        await holder.rollback();
      }
    });
  },
  { targets: ['postgres', 'mariadb'] },
);
