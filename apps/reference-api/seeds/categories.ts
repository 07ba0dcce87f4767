import { defineSeed } from '@dalkit/seeds';
import { Category } from '../src/categories/model.js';

/** Top-level category slug → its children. */
export const CATEGORY_TREE: Readonly<Record<string, readonly string[]>> = {
  electronics: ['phones', 'laptops', 'audio'],
  books: ['fiction', 'non-fiction'],
  home: ['kitchen', 'garden'],
  toys: [],
};

const title = (slug: string) =>
  slug.replace(/(^|-)(\w)/g, (_, dash: string, c: string) => (dash ? ' ' : '') + c.toUpperCase());

/** The product category tree, found or created by the natural key `slug`, parents first. */
export default defineSeed({
  name: 'categories',
  environments: ['*'],
  tables: ['categories'],
  run: async ({ transaction }) => {
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
  },
});
