import { BelongsTo, Column, DataType, ForeignKey, HasOne, Table } from 'sequelize-typescript';
import { AuditedModel, blindIndex, decrypt, encrypt } from '../_pending/models.js';
import { Country } from '../countries/model.js';

/** What a user may do. */
export const UserRole = { ADMIN: 'admin', CUSTOMER: 'customer' } as const;
/** What a user may do. */
export type UserRole = (typeof UserRole)[keyof typeof UserRole];

/** A person who can sign in and place orders. The email is stored encrypted, found by blind index. */
@Table({ tableName: 'users', underscored: true })
export class User extends AuditedModel {
  @Column({ type: DataType.STRING(100), allowNull: false })
  declare name: string;

  /** Plaintext to the app, AES-256-GCM ciphertext in the database. */
  @Column({
    type: DataType.TEXT,
    allowNull: false,
    get(this: User) {
      const stored = this.getDataValue('email') as string | null;
      return stored == null ? stored : decrypt(stored);
    },
    set(this: User, value: string) {
      this.setDataValue('email', encrypt(value));
      this.setDataValue('emailBidx', blindIndex(value));
    },
  })
  declare email: string;

  /** HMAC of the normalised email: unique, and the only way to look a user up by email. */
  @Column({ type: DataType.CHAR(64), allowNull: false, unique: true, field: 'email_bidx' })
  declare emailBidx: string;

  @Column({ type: DataType.STRING(20), allowNull: false, defaultValue: UserRole.CUSTOMER })
  declare role: UserRole;

  /** scrypt hash (`scrypt$N$r$p$salt$hash`), null for users who cannot sign in. */
  @Column({ type: DataType.STRING(255), field: 'password_hash' })
  declare passwordHash: string | null;

  @HasOne(() => Profile, { foreignKey: 'userId', onDelete: 'CASCADE' })
  declare profile?: Profile;
}

/** One-to-one with {@link User}: contact details, the phone number encrypted at rest. */
@Table({ tableName: 'profiles', underscored: true })
export class Profile extends AuditedModel {
  @ForeignKey(() => User)
  @Column({ type: DataType.UUID, allowNull: false, unique: true, field: 'user_id' })
  declare userId: string;

  @Column({
    type: DataType.TEXT,
    get(this: Profile) {
      const stored = this.getDataValue('phone') as string | null;
      return stored == null ? stored : decrypt(stored);
    },
    set(this: Profile, value: string | null) {
      this.setDataValue('phone', value == null ? null : encrypt(value));
    },
  })
  declare phone: string | null;

  @Column({ type: DataType.STRING(500) })
  declare bio: string | null;

  @ForeignKey(() => Country)
  @Column({ type: DataType.UUID, field: 'country_id' })
  declare countryId: string | null;

  @BelongsTo(() => User, { foreignKey: 'userId', onDelete: 'CASCADE' })
  declare user?: User;

  @BelongsTo(() => Country, { foreignKey: 'countryId', onDelete: 'SET NULL' })
  declare country?: Country;
}
