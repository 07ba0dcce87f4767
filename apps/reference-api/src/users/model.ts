import { AuditedModel, Check, Encrypted, ForeignKeyColumn } from '@dalkit/models';
import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, HasOne, Table } from 'sequelize-typescript';
import { Country } from '../countries/model.js';

/** What a user may do. */
export const UserRole = { ADMIN: 'admin', CUSTOMER: 'customer' } as const;
/** What a user may do. */
export type UserRole = (typeof UserRole)[keyof typeof UserRole];

/** Lower-cases and trims an e-mail address before it is blind-indexed. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** A person who can sign in and place orders. The email is stored encrypted, found by blind index. */
@Table({ tableName: 'users' })
@Check('users_role_check', "role IN ('admin', 'customer')")
export class User extends AuditedModel<InferAttributes<User>, InferCreationAttributes<User>> {
  @Column({ type: DataType.STRING(100), allowNull: false })
  declare name: string;

  /** Plaintext to the app; AES-256-GCM ciphertext in `email`, HMAC in `email_blind_index` (unique). */
  @Encrypted({ blindIndex: { normalize: normalizeEmail, unique: true } })
  @Column({ type: DataType.TEXT, allowNull: false })
  declare email: string;

  @Column({ type: DataType.STRING(20), allowNull: false, defaultValue: UserRole.CUSTOMER })
  declare role: CreationOptional<UserRole>;

  /** scrypt hash (`scrypt$N$r$p$salt$hash`), null for users who cannot sign in. */
  @Column({ type: DataType.STRING(255), allowNull: true })
  declare passwordHash: CreationOptional<string | null>;

  @HasOne(() => Profile)
  declare profile?: NonAttribute<Profile>;
}

/** One-to-one with {@link User}: contact details, the phone number encrypted at rest. */
@Table({ tableName: 'profiles' })
export class Profile extends AuditedModel<InferAttributes<Profile>, InferCreationAttributes<Profile>> {
  @ForeignKeyColumn(() => User, { onDelete: 'CASCADE', unique: true })
  declare userId: string;

  @Encrypted()
  @Column({ type: DataType.TEXT, allowNull: true })
  declare phone: CreationOptional<string | null>;

  @Column({ type: DataType.STRING(500), allowNull: true })
  declare bio: CreationOptional<string | null>;

  @ForeignKeyColumn(() => Country, { onDelete: 'SET NULL', allowNull: true })
  declare countryId: CreationOptional<string | null>;

  @BelongsTo(() => User)
  declare user?: NonAttribute<User>;

  @BelongsTo(() => Country)
  declare country?: NonAttribute<Country>;
}
