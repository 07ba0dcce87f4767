import { en, Faker } from '@faker-js/faker';
import type { SeedContext } from '../src/_pending/seeds.js';
import { Category } from '../src/categories/model.js';
import { Country } from '../src/countries/model.js';
import { Product, ProductCategory } from '../src/products/model.js';
import { Profile, User } from '../src/users/model.js';

/** Development sample data: users with profiles, and products in categories. */
export const name = 'sample-data';
export const environments = ['development'];
export const dependsOn = ['countries', 'categories'];

/** Faker seed: the same seed and scale give the same rows. */
export const FAKER_SEED = 20_261_124;
const CHUNK = 2_000;

/** At `scale` 1: 50 users and 200 products (`--scale 500` gives 100k products). */
export async function run({ transaction, options, logger }: SeedContext): Promise<number> {
  const scale = Number(options.scale ?? 1);
  const faker = new Faker({ locale: [en] });
  faker.seed(FAKER_SEED);
  const countries = await Country.findAll({ attributes: ['id'], order: [['code', 'ASC']], transaction });
  const categories = await Category.findAll({ attributes: ['id'], order: [['slug', 'ASC']], transaction });
  const userCount = Math.max(1, Math.round(50 * scale));
  const productCount = Math.max(1, Math.round(200 * scale));
  let rows = 0;
  for (let start = 0; start < userCount; start += CHUNK) {
    const users = Array.from({ length: Math.min(CHUNK, userCount - start) }, (_, i) => ({
      id: faker.string.uuid(),
      name: faker.person.fullName(),
      email: `user${start + i}@example.com`,
      role: 'customer' as const,
    }));
    await User.bulkCreate(users, { transaction });
    await Profile.bulkCreate(
      users.map((u) => ({
        id: faker.string.uuid(),
        userId: u.id,
        phone: faker.phone.number({ style: 'international' }),
        bio: faker.lorem.sentence(),
        countryId: faker.helpers.arrayElement(countries).id,
      })),
      { transaction },
    );
    rows += users.length * 2;
  }
  for (let start = 0; start < productCount; start += CHUNK) {
    const products = Array.from({ length: Math.min(CHUNK, productCount - start) }, (_, i) => ({
      id: faker.string.uuid(),
      sku: `SKU-${String(start + i).padStart(7, '0')}`,
      name: faker.commerce.productName(),
      price: faker.commerce.price({ min: 1, max: 2_000 }),
      stock: faker.number.int({ min: 0, max: 500 }),
    }));
    await Product.bulkCreate(products, { transaction });
    await ProductCategory.bulkCreate(
      products.map((p) => ({
        id: faker.string.uuid(),
        productId: p.id,
        categoryId: faker.helpers.arrayElement(categories).id,
      })),
      { transaction },
    );
    rows += products.length * 2;
    if (productCount > CHUNK)
      logger.info({ products: start + products.length, of: productCount }, 'seeding products');
  }
  return rows;
}
