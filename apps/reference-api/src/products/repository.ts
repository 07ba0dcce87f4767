import { Repository } from '@dalkit/repository';
import { Product, ProductCategory } from './model.js';

type Filterable = 'id' | 'name' | 'sku' | 'price' | 'stock' | 'createdAt';
type Sortable = 'name' | 'price' | 'stock' | 'createdAt';

/** Per-category figures of `GET /products/stats`. */
export interface CategoryStats {
  categoryId: string;
  categoryName: string;
  productCount: number;
  avgPrice: number | null;
}

/** Product-category links (the many-to-many junction). */
class ProductCategoryRepository extends Repository<
  ProductCategory,
  'productId' | 'categoryId',
  'categoryId'
> {
  constructor() {
    super(ProductCategory, { filterable: ['productId', 'categoryId'], sortable: ['categoryId'] });
  }
}

/** Products: CRUD, list pages, category links and aggregates. */
export class ProductRepository extends Repository<Product, Filterable, Sortable> {
  private readonly links = new ProductCategoryRepository();

  constructor(cursorSecret?: string) {
    super(Product, {
      filterable: ['id', 'name', 'sku', 'price', 'stock', 'createdAt'],
      sortable: ['name', 'price', 'stock', 'createdAt'],
      aggregatable: ['price'],
      defaultSort: ['-createdAt'],
      maxPageSize: 100,
      ...(cursorSecret ? { cursorSecret } : {}),
    });
  }

  /** Category ids of one product, sorted. */
  async categoryIds(productId: string): Promise<string[]> {
    const links = await this.links.findAll({ productId }, { sort: ['categoryId'] });
    return links.map((l) => l.categoryId as string);
  }

  /** Replaces the category links of a product (inside the caller's transaction). */
  async setCategories(productId: string, categoryIds: readonly string[]): Promise<void> {
    await this.links.deleteWhere({ productId });
    for (const categoryId of new Set(categoryIds)) await this.links.create({ productId, categoryId });
  }

  /** Product count and average price overall and per category (categories without products included). */
  async stats(): Promise<{ productCount: number; avgPrice: number | null; categories: CategoryStats[] }> {
    const [overall] = await this.aggregate({
      metrics: { n: { fn: 'count' }, avg: { fn: 'avg', field: 'price' } },
    });
    const sequelize = this.model.sequelize;
    if (!sequelize) throw new Error('Product is not registered');
    const [perCategory] = await sequelize.query(
      `SELECT c.id, c.name, count(p.id) AS n, avg(p.price) AS avg
       FROM categories c
       LEFT JOIN product_categories pc ON pc.category_id = c.id
       LEFT JOIN products p ON p.id = pc.product_id
       GROUP BY c.id, c.name
       ORDER BY c.name, c.id`,
    );
    return {
      productCount: Number(overall?.n ?? 0),
      avgPrice: round(overall?.avg ?? null),
      categories: (perCategory as { id: string; name: string; n: string; avg: string | null }[]).map((r) => ({
        categoryId: r.id,
        categoryName: r.name,
        productCount: Number(r.n),
        avgPrice: round(r.avg),
      })),
    };
  }
}

function round(value: string | number | null): number | null {
  return value == null ? null : Math.round(Number(value) * 100) / 100;
}
