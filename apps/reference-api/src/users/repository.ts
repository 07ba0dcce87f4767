import type { Transaction } from 'sequelize';
import type { ListSpec } from '../_pending/list-query.js';
import { Repository } from '../_pending/repository.js';
import { Profile, User } from './model.js';

/** What `GET /users` may filter and sort on (`filter[email]` is turned into a blind-index match). */
export const USER_LIST: ListSpec = {
  filterable: {
    name: { type: 'string', ops: ['eq', 'like', 'ilike'] },
    role: { type: 'string', ops: ['eq', 'in'] },
    emailBlindIndex: { type: 'string', ops: ['eq'] },
    createdAt: { type: 'date', ops: ['gte', 'lt'] },
  },
  sortable: ['name', 'createdAt'],
  defaultSort: ['-createdAt'],
};

/** Users and their one-to-one profiles. */
export class UserRepository extends Repository<User> {
  constructor() {
    super(User, 'User');
  }

  /** The user with its profile; `NotFoundError` when absent. */
  async getWithProfile(id: string, transaction?: Transaction): Promise<User> {
    const user = await this.getById(id, { transaction });
    const profile = await Profile.findOne({ where: { userId: id }, transaction });
    user.profile = profile ?? undefined;
    return user;
  }

  /** Creates or updates the profile of a user. */
  async saveProfile(
    userId: string,
    fields: Record<string, unknown>,
    transaction: Transaction,
  ): Promise<Profile> {
    const existing = await Profile.findOne({ where: { userId }, transaction });
    if (existing) return existing.update(fields, { transaction });
    return Profile.create({ userId, ...fields }, { transaction });
  }
}
