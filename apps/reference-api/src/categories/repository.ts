import type { ListSpec } from '../_pending/list-query.js';
import { Repository } from '../_pending/repository.js';
import { Category } from './model.js';

/** What `GET /categories` may filter and sort on. */
export const CATEGORY_LIST: ListSpec = {
  filterable: {
    name: { type: 'string', ops: ['eq', 'like', 'ilike'] },
    slug: { type: 'string', ops: ['eq', 'in'] },
    parentId: { type: 'uuid', ops: ['eq', 'isNull'] },
    createdAt: { type: 'date', ops: ['gte', 'lt'] },
  },
  sortable: ['name', 'createdAt'],
  defaultSort: ['name'],
};

/** Categories: CRUD and list pages. */
export class CategoryRepository extends Repository<Category> {
  constructor() {
    super(Category, 'Category');
  }
}
