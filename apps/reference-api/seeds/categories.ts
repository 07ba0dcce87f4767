import type { SeedContext } from '../src/_pending/seeds.js';
import { Category } from '../src/categories/model.js';

/** The product category tree. */
export const name = 'categories';
export const environments = ['*'];

/** Top-level category slug → its children. */
export const CATEGORY_TREE: Readonly<Record<string, readonly string[]>> = {
  electronics: ['phones', 'laptops', 'audio'],
  books: ['fiction', 'non-fiction'],
  home: ['kitchen', 'garden'],
  toys: [],
};

const title = (slug: string) =>
  slug.replace(/(^|-)(\w)/g, (_, dash: string, c: string) => (dash ? ' ' : '') + c.toUpperCase());

/** Upserts on the natural key `slug`, parents first. */
export async function run({ transaction }: SeedContext): Promise<number> {
  let count = 0;
  for (const [parentSlug, children] of Object.entries(CATEGORY_TREE)) {
    const [parent] = await Category.findOrCreate({
      where: { slug: parentSlug },
      defaults: { name: title(parentSlug), slug: parentSlug },
      transaction,
    });
    count++;
    for (const slug of children) {
      await Category.findOrCreate({
        where: { slug },
        defaults: { name: title(slug), slug, parentId: parent.id },
        transaction,
      });
      count++;
    }
  }
  return count;
}
