import { ErrorCode, isDalkitError, mapDatabaseError, type ValidationError } from '@dalkit/connection';
import { describeEachTarget } from '@dalkit/testing/vitest';
import type { CreationOptional, InferAttributes, InferCreationAttributes } from 'sequelize';
import { Column, DataType, Table } from 'sequelize-typescript';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { AuditedModel, Check, modelConstraints, Rules } from '../../src/index.js';
import { useModels } from '../support/open-database.js';

@Table({ tableName: 'customers' })
@Check('customers_age_range', 'age >= 0 AND age <= 150')
class Customer extends AuditedModel<InferAttributes<Customer>, InferCreationAttributes<Customer>> {
  @Rules({ required: true, length: { min: 2, max: 50 } })
  @Column(DataType.STRING(50))
  declare name: string;

  @Rules({ required: true, email: true })
  @Column({ type: DataType.STRING(254), unique: true })
  declare email: string;

  @Rules({ pattern: /^[A-Z]{2}-\d{4}$/ })
  @Column(DataType.STRING(7))
  declare code: CreationOptional<string | null>;

  @Rules({ range: { min: 0, max: 150 } })
  @Column(DataType.INTEGER)
  declare age: CreationOptional<number | null>;

  @Rules({ required: true, enum: ['active', 'blocked'] })
  @Column(DataType.STRING(10))
  declare status: string;

  @Rules({
    custom: (v) => (typeof v === 'string' && v.includes(' ') ? 'handle must not contain spaces' : undefined),
  })
  @Column(DataType.STRING(30))
  declare handle: CreationOptional<string | null>;
}

const VALID = { name: 'Ada', email: 'ada@example.com', status: 'active' } as const;

async function rejection(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isDalkitError(error, ErrorCode.VALIDATION_FAILED))
    throw new Error(`expected a ValidationError, got ${String(error)}`);
  return error as ValidationError;
}

describeEachTarget('validation', (suite) => {
  const ctx = useModels(suite, [Customer]);
  let queries: string[] = [];
  beforeAll(() => {
    ctx.db.sequelize.addHook('beforeQuery', 'test:record', (_options, query) => {
      queries.push(String((query as unknown as { sql?: string }).sql ?? ''));
    });
  });
  beforeEach(async () => {
    await Customer.destroy({ where: {}, truncate: true });
    queries = [];
  });

  it('should insert a valid row', async () => {
    const customer = await Customer.create({ ...VALID, code: 'AB-1234', age: 36, handle: 'ada' });
    expect(customer.id).toBeTruthy();
  });

  it.each([
    ['required', { ...VALID, name: '' }, 'name', 'name is required'],
    ['length', { ...VALID, name: 'A' }, 'name', 'name must be between 2 and 50 characters long'],
    ['pattern', { ...VALID, code: 'ab-12' }, 'code', 'code must match /^[A-Z]{2}-\\d{4}$/'],
    ['range', { ...VALID, age: 151 }, 'age', 'age must be a number between 0 and 150'],
    ['email', { ...VALID, email: 'not-an-email' }, 'email', 'email must be a valid e-mail address'],
    ['enum', { ...VALID, status: 'gone' }, 'status', 'status must be one of: active, blocked'],
    ['custom', { ...VALID, handle: 'a b' }, 'handle', 'handle must not contain spaces'],
  ])('should refuse a %s violation before any SQL', async (rule, values, path, message) => {
    const error = await rejection(Customer.create(values as never));
    expect(error.issues).toEqual([{ path, rule, message }]);
    expect(queries).toEqual([]);
    expect(await Customer.count()).toBe(0);
  });

  it('should report every failing field at once, with a missing required field among them', async () => {
    const error = await rejection(Customer.create({ name: 'A', email: 'x', age: -5 } as never));
    expect(error.issues.map((i) => `${i.path}:${i.rule}`).sort()).toEqual([
      'age:range',
      'email:email',
      'name:length',
      'status:required',
    ]);
    expect(error.message).toContain('status is required');
    expect(queries).toEqual([]);
  });

  it('should validate every row of a bulkCreate and write none when one fails', async () => {
    const error = await rejection(
      Customer.bulkCreate([
        VALID,
        { ...VALID, email: 'b@example.com', status: 'x' },
        { ...VALID, email: 'c', name: '' },
      ]),
    );
    expect(error.issues.map((i) => `${i.path}:${i.rule}`)).toEqual([
      '[1].status:enum',
      '[2].name:required',
      '[2].email:email',
    ]);
    expect(queries).toEqual([]);
    expect(await Customer.count()).toBe(0);
  });

  it('should validate the fields an instance update changes', async () => {
    const customer = await Customer.create(VALID);
    queries = [];
    const error = await rejection(customer.update({ age: 200 }));
    expect(error.issues).toEqual([
      { path: 'age', rule: 'range', message: 'age must be a number between 0 and 150' },
    ]);
    expect(queries).toEqual([]);
  });

  it('should validate the values of a bulk Model.update', async () => {
    await Customer.create(VALID);
    queries = [];
    const error = await rejection(Customer.update({ status: 'archived' }, { where: { email: VALID.email } }));
    expect(error.issues).toEqual([
      { path: 'status', rule: 'enum', message: 'status must be one of: active, blocked' },
    ]);
    expect(queries).toEqual([]);
  });

  it('should declare NOT NULL, UNIQUE and CHECK constraints for migrations to mirror', () => {
    const constraints = modelConstraints(Customer);
    expect(constraints.filter((c) => c.kind === 'not_null').map((c) => c.columns[0])).toEqual([
      'name',
      'email',
      'status',
    ]);
    expect(constraints).toContainEqual({
      kind: 'unique',
      table: 'customers',
      name: 'customers_email_key',
      columns: ['email'],
    });
    expect(constraints).toContainEqual({
      kind: 'check',
      table: 'customers',
      name: 'customers_age_range',
      expression: 'age >= 0 AND age <= 150',
    });
    expect(constraints).toContainEqual({ kind: 'primary_key', table: 'customers', columns: ['id'] });
  });

  it('should enforce the declared constraints in the database as well', async () => {
    const insert = (email: string, status: string | null, age: number) =>
      ctx.db.query('INSERT INTO customers (id, name, email, status, age) VALUES ($1, $2, $3, $4, $5)', {
        bind: [crypto.randomUUID(), 'Raw', email, status, age],
      });
    await insert('raw@example.com', 'active', 1);
    const refused = async (promise: Promise<unknown>) =>
      mapDatabaseError(
        await promise.then(
          () => undefined,
          (e: unknown) => e,
        ),
      );
    expect(await refused(insert('raw@example.com', 'active', 1))).toMatchObject({
      code: ErrorCode.UNIQUE_VIOLATION,
    });
    expect(await refused(insert('null@example.com', null, 1))).toMatchObject({
      code: ErrorCode.NOT_NULL_VIOLATION,
    });
    expect(await refused(insert('check@example.com', 'active', 999))).toMatchObject({
      code: ErrorCode.CHECK_VIOLATION,
    });
    expect(await Customer.count()).toBe(1);
  });
});
