import type { Transaction } from 'sequelize';
import type { ListSpec } from '../_pending/list-query.js';
import { Repository } from '../_pending/repository.js';
import { Product, ProductCategory } from './model.js';

/** What `GET /products` may filter and sort on. */
export const PRODUCT_LIST: ListSpec = {
  filterable: {
    name: { type: 'string', ops: ['eq', 'like', 'ilike'] },
    sku: { type: 'string', ops: ['eq', 'in'] },
    price: { type: 'decimal', ops: ['eq', 'gt', 'gte', 'lt', 'lte'] },
    stock: { type: 'integer', ops: ['eq', 'gt', 'gte', 'lt', 'lte'] },
    createdAt: { type: 'date', ops: ['gte', 'lt'] },
  },
  sortable: ['name', 'price', 'stock', 'createdAt'],
  defaultSort: ['-createdAt'],
};

/** Per-category figures of `GET /products/stats`. */
export interface CategoryStats {
  categoryId: string;
  categoryName: string;
  productCount: number;
  avgPrice: number | null;
}

/** Products: CRUD, category links, and aggregates. */
export class ProductRepository extends Repository<Product> {
  constructor() {
    super(Product, 'Product');
  }

  /** Category ids of one product, in a stable order. */
  async categoryIds(productId: string, transaction?: Transaction): Promise<string[]> {
    const links = await ProductCategory.findAll({
      where: { productId },
      attributes: ['categoryId'],
      order: [['categoryId', 'ASC']],
      transaction,
    });
    return links.map((l) => l.categoryId);
  }

  /** Replaces the category links of a product. */
  async setCategories(
    productId: string,
    categoryIds: readonly string[],
    transaction: Transaction,
  ): Promise<void> {
    await ProductCategory.destroy({ where: { productId }, transaction });
    if (categoryIds.length === 0) return;
    await ProductCategory.bulkCreate(
      [...new Set(categoryIds)].map((categoryId) => ({ productId, categoryId })),
      { transaction },
    );
  }

  /** Product count and average price overall and per category (categories without products included). */
  async stats(): Promise<{ productCount: number; avgPrice: number | null; categories: CategoryStats[] }> {
    const sequelize = this.model.sequelize;
    if (!sequelize) throw new Error('Product is not registered');
    const [[overall], [perCategory]] = await Promise.all([
      sequelize.query('SELECT count(*) AS n, avg(price) AS avg FROM products'),
      sequelize.query(
        `SELECT c.id, c.name, count(p.id) AS n, avg(p.price) AS avg
         FROM categories c
         LEFT JOIN product_categories pc ON pc.category_id = c.id
         LEFT JOIN products p ON p.id = pc.product_id
         GROUP BY c.id, c.name
         ORDER BY c.name, c.id`,
      ),
    ]);
    const row = (overall as { n: string; avg: string | null }[])[0];
    return {
      productCount: Number(row?.n ?? 0),
      avgPrice: round(row?.avg ?? null),
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
