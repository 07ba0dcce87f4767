import { Repository } from '@dalkit/repository';
import { Profile, User } from './model.js';

type Filterable = 'name' | 'role' | 'emailBlindIndex' | 'createdAt';
type Sortable = 'name' | 'createdAt';

/** Profiles, one per user. */
class ProfileRepository extends Repository<Profile, 'userId', never> {
  constructor() {
    super(Profile, { filterable: ['userId'] });
  }
}

/** Users and their one-to-one profiles. Reads return instances so encrypted columns decrypt. */
export class UserRepository extends Repository<User, Filterable, Sortable> {
  private readonly profiles = new ProfileRepository();

  constructor(cursorSecret?: string) {
    super(User, {
      filterable: ['name', 'role', 'emailBlindIndex', 'createdAt'],
      sortable: ['name', 'createdAt'],
      defaultSort: ['-createdAt'],
      maxPageSize: 100,
      ...(cursorSecret ? { cursorSecret } : {}),
    });
  }

  /** The user with its profile; `NotFoundError` when absent. */
  async getWithProfile(id: string): Promise<User> {
    const user = await this.getById(id, { instances: true });
    user.profile = (await this.profiles.findOne({ userId: id }, { instances: true })) ?? undefined;
    return user;
  }

  /** Creates or updates the profile of a user (inside the caller's transaction). */
  async saveProfile(
    userId: string,
    fields: Partial<Pick<Profile, 'phone' | 'bio' | 'countryId'>>,
  ): Promise<void> {
    const existing = await this.profiles.findOne({ userId });
    if (existing) await this.profiles.update(existing.id, fields);
    else await this.profiles.create({ userId, ...fields });
  }
}
