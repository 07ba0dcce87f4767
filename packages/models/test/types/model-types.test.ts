import type { CreationOptional, InferAttributes, InferCreationAttributes } from 'sequelize';
import { Column, DataType, Table } from 'sequelize-typescript';
import { describe, expectTypeOf, it } from 'vitest';
import { AuditedModel, BigIntPrimaryKey } from '../../src/index.js';

@Table({ tableName: 'products' })
class Product extends AuditedModel<InferAttributes<Product>, InferCreationAttributes<Product>> {
  @Column(DataType.STRING(100))
  declare name: string;

  @Column(DataType.INTEGER)
  declare priceCents: number;

  @Column(DataType.STRING(20))
  declare sku: CreationOptional<string | null>;
}

@Table({ tableName: 'ledger_entries' })
class LedgerEntry extends AuditedModel<InferAttributes<LedgerEntry>, InferCreationAttributes<LedgerEntry>> {
  @BigIntPrimaryKey
  declare id: CreationOptional<string>;

  @Column(DataType.INTEGER)
  declare amount: number;
}

/** Never called: `tsc --noEmit` (the package's typecheck) verifies each line below. */
export async function compileOnly(): Promise<void> {
  await Product.create({ name: 'pen', priceCents: 150 });
  await Product.create({ name: 'pen', priceCents: 150, sku: null, createdBy: 'importer' });
  await Product.bulkCreate([{ name: 'a', priceCents: 1 }]);
  await Product.update({ priceCents: 200 }, { where: { name: 'pen' } });
  // @ts-expect-error a required attribute (priceCents) is missing
  await Product.create({ name: 'pen' });
  // @ts-expect-error priceCents must be a number
  await Product.create({ name: 'pen', priceCents: '150' });
  // @ts-expect-error name must be a string
  await Product.bulkCreate([{ name: 1, priceCents: 1 }]);
  // @ts-expect-error unknown attribute
  await Product.create({ name: 'pen', priceCents: 150, colour: 'red' });
  // @ts-expect-error amount is required for a BIGINT-keyed model too
  await LedgerEntry.create({});
  // @ts-expect-error where clauses name real attributes only
  await Product.update({ priceCents: 1 }, { where: { nope: 1 } });
}

describe('model types', () => {
  it('should type the inherited columns', () => {
    expectTypeOf<Product['id']>().toEqualTypeOf<CreationOptional<string>>();
    expectTypeOf<Product['createdAt']>().toEqualTypeOf<CreationOptional<Date>>();
    expectTypeOf<Product['createdBy']>().toEqualTypeOf<CreationOptional<string | null>>();
    expectTypeOf<LedgerEntry['id']>().toEqualTypeOf<CreationOptional<string>>();
  });

  it('should make id, audit columns and optional columns optional on create', () => {
    expectTypeOf<Parameters<typeof Product.create<Product>>[0]>().toMatchTypeOf<
      { name: string; priceCents: number } | undefined
    >();
    expectTypeOf<InferCreationAttributes<Product>>().toHaveProperty('name');
  });
});
