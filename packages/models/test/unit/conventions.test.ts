import type { InferAttributes, InferCreationAttributes } from 'sequelize';
import { Sequelize } from 'sequelize';
import { Column, DataType, Table } from 'sequelize-typescript';
import { describe, expect, it } from 'vitest';
import {
  AuditedModel,
  assertConventions,
  BaseModel,
  checkConventions,
  ForeignKeyColumn,
  registerModels,
} from '../../src/index.js';

@Table({ tableName: 'owners' })
class Owner extends AuditedModel<InferAttributes<Owner>, InferCreationAttributes<Owner>> {
  @Column(DataType.STRING(50))
  declare name: string;
}

@Table({ tableName: 'UserAccounts' })
class UserAccount extends AuditedModel<InferAttributes<UserAccount>, InferCreationAttributes<UserAccount>> {
  @Column({ type: DataType.STRING(50), field: 'displayName' })
  declare displayName: string;
}

@Table({ tableName: 'inventory_item' })
class InventoryItem extends AuditedModel<
  InferAttributes<InventoryItem>,
  InferCreationAttributes<InventoryItem>
> {
  @ForeignKeyColumn(() => Owner, { onDelete: 'CASCADE' })
  @Column({ type: DataType.UUID, field: 'owner' })
  declare owner: string;

  @Column({ type: DataType.UUID, references: { model: 'owners', key: 'id' }, onDelete: 'CASCADE' })
  declare previousOwnerId: string;
}

@Table({ tableName: 'settings' })
class Setting extends BaseModel<InferAttributes<Setting>, InferCreationAttributes<Setting>> {
  @Column(DataType.STRING(50))
  declare key: string;
}

function offlineSequelize(): Sequelize {
  return new Sequelize('postgres://nobody@127.0.0.1:1/none', { logging: false });
}

describe('checkConventions', () => {
  const sequelize = offlineSequelize();
  registerModels(sequelize, [Owner, UserAccount, InventoryItem, Setting]);

  it('should find every planted violation, with its fix', () => {
    expect(checkConventions(sequelize)).toEqual([
      { table: 'UserAccounts', rule: 'table_snake_case', fix: 'rename the table to user_accounts' },
      {
        table: 'UserAccounts',
        column: 'displayName',
        rule: 'column_snake_case',
        fix: 'rename the column to display_name',
      },
      { table: 'inventory_item', rule: 'table_plural', fix: 'rename the table to inventory_items' },
      {
        table: 'inventory_item',
        column: 'owner',
        rule: 'foreign_key_name',
        fix: 'rename the column to owner_id (or <role>_id)',
      },
      {
        table: 'inventory_item',
        column: 'previous_owner_id',
        rule: 'foreign_key_index',
        fix: 'add an index on inventory_item(previous_owner_id)',
      },
      ...['created_at', 'updated_at', 'created_by', 'updated_by'].map((column) => ({
        table: 'settings',
        column,
        rule: 'audit_columns',
        fix: `extend AuditedModel (adds ${column})`,
      })),
    ]);
  });

  it('should find nothing wrong with a conforming model', () => {
    expect(checkConventions(sequelize, { models: [Owner] })).toEqual([]);
  });

  it('should skip accepted exceptions', () => {
    const violations = checkConventions(sequelize, {
      ignore: [
        { table: 'settings', rule: 'audit_columns' },
        { table: 'UserAccounts' },
        { table: 'inventory_item' },
      ],
    });
    expect(violations).toEqual([]);
  });

  it('should accept a Database handle as well as a Sequelize instance', () => {
    expect(checkConventions({ sequelize }, { models: [Setting] })).toHaveLength(4);
  });
});

describe('assertConventions', () => {
  const sequelize = offlineSequelize();
  registerModels(sequelize, [Owner, UserAccount, InventoryItem, Setting]);

  it('should throw a ValidationError listing every violation', () => {
    let thrown: unknown;
    try {
      assertConventions(sequelize);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'VALIDATION_FAILED' });
    const error = thrown as { issues: { path: string; rule: string }[]; message: string };
    expect(error.issues).toHaveLength(9);
    expect(error.issues[1]).toMatchObject({ path: 'UserAccounts.displayName', rule: 'column_snake_case' });
    expect(error.message).toContain('9 schema convention violation(s)');
    expect(error.message).toContain('rename the table to inventory_items');
  });

  it('should pass quietly when there is nothing to report', () => {
    expect(() => assertConventions(sequelize, { models: [Owner] })).not.toThrow();
  });
});

describe('registerModels', () => {
  it('should refuse a model whose associated model is not registered with it', async () => {
    const { Author } = await import('../support/relationship-models.js');
    expect(() => registerModels(offlineSequelize(), [Author])).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message: expect.stringContaining('Profile registered in the same call'),
      }),
    );
  });

  it('should refuse something that is not a database handle', () => {
    expect(() => registerModels({} as never, [Owner])).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });
});
