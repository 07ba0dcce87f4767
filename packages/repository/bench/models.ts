import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';

/** Fresh model classes (a model binds to one Sequelize instance; each contender gets its own pool). */
export function benchModels() {
  @Table({ tableName: 'users', underscored: true })
  class BenchUser extends Model {
    @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true }) declare id: number;
    @Column({ type: DataType.STRING(200), allowNull: false }) declare email: string;
    @Column({ type: DataType.STRING(100), allowNull: false }) declare name: string;
  }

  @Table({ tableName: 'orders', underscored: true })
  class BenchOrder extends Model {
    @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true }) declare id: number;
    @ForeignKey(() => BenchUser) @Column({ type: DataType.INTEGER, allowNull: false }) declare userId: number;
    @Column({ type: DataType.STRING(20), allowNull: false }) declare status: string;
    @Column({ type: DataType.INTEGER, allowNull: false }) declare total: number;
    @Column({ type: DataType.STRING(100), allowNull: true }) declare note: string | null;
    @BelongsTo(() => BenchUser) declare user?: BenchUser;
    declare createdAt: Date;
  }

  @Table({ tableName: 'bulk_orders', underscored: true })
  class BenchBulkOrder extends Model {
    @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true }) declare id: number;
    @Column({ type: DataType.INTEGER, allowNull: false }) declare userId: number;
    @Column({ type: DataType.STRING(20), allowNull: false }) declare status: string;
    @Column({ type: DataType.INTEGER, allowNull: false }) declare total: number;
    @Column({ type: DataType.STRING(100), allowNull: true }) declare note: string | null;
  }
  return { BenchUser, BenchOrder, BenchBulkOrder };
}
