import { defineSeed } from '@dalkit/seeds';
import { en, Faker } from '@faker-js/faker';
import { Category } from '../src/categories/model.js';
import { Country } from '../src/countries/model.js';
import { Product, ProductCategory } from '../src/products/model.js';
import { Profile, User } from '../src/users/model.js';

/** Faker seed: the same seed and scale give the same rows. */
export const FAKER_SEED = 20_261_124;
/** Rows per `bulkCreate` of encrypted rows (the hooks encrypt each row). */
const USER_CHUNK = 2_000;

/**
 * Development sample data, deterministic: at `scale` 1 (`--scale`), 50 users with profiles and
 * 200 products each in one category; `scale` 500 gives 100,000 products (bulk loaded).
 */
export default defineSeed({
  name: 'sample-data',
  environments: ['development'],
  dependsOn: ['countries', 'categories'],
  tables: ['product_categories', 'products', 'profiles', 'users'],
  run: async (ctx) => {
    const { transaction } = ctx;
    const scale = Number(ctx.params.scale ?? 1);
    const faker = new Faker({ locale: [en] });
    faker.seed(FAKER_SEED);
    const countries = await Country.findAll({ attributes: ['id'], order: [['code', 'ASC']], transaction });
    const categories = await Category.findAll({ attributes: ['id'], order: [['slug', 'ASC']], transaction });
    const userCount = Math.max(1, Math.round(50 * scale));
    const productCount = Math.max(1, Math.round(200 * scale));
    let rows = 0;
    for (let start = 0; start < userCount; start += USER_CHUNK) {
      const users = Array.from({ length: Math.min(USER_CHUNK, userCount - start) }, (_, i) => ({
        id: faker.string.uuid(),
        name: faker.person.fullName(),
        email: `user${start + i}@example.com`,
        role: 'customer' as const,
      }));
      await User.bulkCreate(users, { transaction });
      const profiles = users.map((u) => ({
        id: faker.string.uuid(),
        userId: u.id,
        phone: faker.phone.number({ style: 'international' }),
        bio: faker.lorem.sentence(),
        countryId: faker.helpers.arrayElement(countries).id,
      }));
      await Profile.bulkCreate(profiles, { transaction });
      rows += users.length * 2;
    }
    const now = new Date();
    const products = Array.from({ length: productCount }, (_, i) => ({
      id: faker.string.uuid(),
      sku: `SKU-${String(i).padStart(7, '0')}`,
      name: faker.commerce.productName(),
      price: faker.commerce.price({ min: 1, max: 2_000 }),
      stock: faker.number.int({ min: 0, max: 500 }),
      createdAt: now,
      updatedAt: now,
    }));
    rows += await ctx.bulkInsert(Product, products, { label: 'products' });
    const links = products.map((p) => ({
      id: faker.string.uuid(),
      productId: p.id,
      categoryId: faker.helpers.arrayElement(categories).id,
      createdAt: now,
      updatedAt: now,
    }));
    rows += await ctx.bulkInsert(ProductCategory, links, { label: 'product categories' });
    return rows;
  },
});
