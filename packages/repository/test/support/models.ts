import {
  BelongsTo,
  BelongsToMany,
  Column,
  DataType,
  ForeignKey,
  HasMany,
  HasOne,
  Model,
  Table,
} from 'sequelize-typescript';

@Table({ tableName: 'users', underscored: true })
export class User extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true }) declare id: number;
  @Column({ type: DataType.STRING(200), allowNull: false, unique: true, validate: { isEmail: true } })
  declare email: string;
  @Column({ type: DataType.STRING(100), allowNull: false }) declare name: string;
  @Column({ type: DataType.INTEGER, allowNull: true }) declare age: number | null;
  @Column({ type: DataType.BOOLEAN, allowNull: false, defaultValue: true }) declare active: boolean;
  @HasMany(() => Order) declare orders?: Order[];
  @HasOne(() => Profile) declare profile?: Profile | null;
  declare createdAt: Date;
  declare updatedAt: Date;
}

@Table({ tableName: 'profiles', underscored: true, timestamps: false })
export class Profile extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true }) declare id: number;
  @ForeignKey(() => User) @Column({ type: DataType.INTEGER, allowNull: false }) declare userId: number;
  @Column({ type: DataType.STRING(100), allowNull: false }) declare bio: string;
}

@Table({ tableName: 'orders', underscored: true, paranoid: true })
export class Order extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true }) declare id: number;
  @ForeignKey(() => User) @Column({ type: DataType.INTEGER, allowNull: false }) declare userId: number;
  @Column({
    type: DataType.STRING(20),
    allowNull: false,
    validate: { isIn: [['new', 'paid', 'shipped', 'cancelled']] },
  })
  declare status: string;
  @Column({ type: DataType.INTEGER, allowNull: false }) declare total: number;
  @Column({ type: DataType.STRING(100), allowNull: true }) declare note: string | null;
  @Column({ type: DataType.DATE, allowNull: false, defaultValue: DataType.NOW }) declare placedAt: Date;
  @BelongsTo(() => User) declare user?: User;
  @BelongsToMany(
    () => Tag,
    () => OrderTag,
  )
  declare tags?: Tag[];
  declare createdAt: Date;
  declare updatedAt: Date;
  declare deletedAt: Date | null;
}

@Table({ tableName: 'tags', underscored: true, timestamps: false })
export class Tag extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true }) declare id: number;
  @Column({ type: DataType.STRING(40), allowNull: false, unique: true }) declare label: string;
}

@Table({ tableName: 'order_tags', underscored: true, timestamps: false })
export class OrderTag extends Model {
  @ForeignKey(() => Order) @Column({ type: DataType.INTEGER, primaryKey: true }) declare orderId: number;
  @ForeignKey(() => Tag) @Column({ type: DataType.INTEGER, primaryKey: true }) declare tagId: number;
}

/** Every test model, in dependency order. */
export const MODELS = [User, Profile, Order, Tag, OrderTag];
