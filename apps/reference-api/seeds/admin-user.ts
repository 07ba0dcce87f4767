import { randomBytes } from 'node:crypto';
import { blindIndexWhere } from '@dalkit/models';
import type { SeedContext } from '../src/_pending/seeds.js';
import { hashPassword } from '../src/lib/password.js';
import { User } from '../src/users/model.js';

/** The first administrator. */
export const name = 'admin-user';
export const environments = ['*'];

/**
 * Creates the admin (`ADMIN_EMAIL`, default admin@example.com) with `ADMIN_PASSWORD`, or a
 * generated password printed once. Only the scrypt hash is stored. Skipped when it exists.
 */
export async function run({ transaction, logger }: SeedContext): Promise<number> {
  const email = process.env.ADMIN_EMAIL ?? 'admin@example.com';
  const existing = await User.findOne({ where: blindIndexWhere(User, 'email', email), transaction });
  if (existing) return 0;
  const given = process.env.ADMIN_PASSWORD;
  const password = given ?? randomBytes(18).toString('base64url');
  await User.create(
    { name: 'Administrator', email, role: 'admin', passwordHash: await hashPassword(password) },
    { transaction },
  );
  if (given === undefined) {
    logger.warn({ email }, 'created the admin user with a generated password (shown once below)');
    process.stdout.write(
      `\n  admin user: ${email}\n  password:   ${password}   (shown once; not stored)\n\n`,
    );
  }
  return 1;
}
