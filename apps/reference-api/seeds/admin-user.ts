import { randomBytes } from 'node:crypto';
import { blindIndexWhere } from '@dalkit/models';
import { defineSeed } from '@dalkit/seeds';
import { hashPassword } from '../src/lib/password.js';
import { User } from '../src/users/model.js';

/**
 * The first administrator (`ADMIN_EMAIL`, default admin@example.com) with `ADMIN_PASSWORD`,
 * or a generated password printed once. Only the scrypt hash is stored. Skipped when it exists.
 */
export default defineSeed({
  name: 'admin-user',
  environments: ['*'],
  tables: ['users'],
  run: async ({ transaction, logger }) => {
    const email = process.env.ADMIN_EMAIL ?? 'admin@example.com';
    if (await User.findOne({ where: blindIndexWhere(User, 'email', email), transaction })) return 0;
    const given = process.env.ADMIN_PASSWORD;
    const password = given ?? randomBytes(18).toString('base64url');
    await User.create(
      { name: 'Administrator', email, role: 'admin', passwordHash: await hashPassword(password) },
      { transaction },
    );
    if (given === undefined) {
      logger.warn('created the admin user with a generated password (printed once to stdout)');
      process.stdout.write(
        `\n  admin user: ${email}\n  password:   ${password}   (shown once; not stored)\n\n`,
      );
    }
    return 1;
  },
});
