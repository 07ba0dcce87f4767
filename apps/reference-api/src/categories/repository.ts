import { Repository } from '@dalkit/repository';
import { Category } from './model.js';

type Filterable = 'name' | 'slug' | 'parentId' | 'createdAt';
type Sortable = 'name' | 'createdAt';

/** Categories: CRUD and list pages (filter by name, slug, parent; sort by name or creation). */
export class CategoryRepository extends Repository<Category, Filterable, Sortable> {
  constructor(cursorSecret?: string) {
    super(Category, {
      filterable: ['name', 'slug', 'parentId', 'createdAt'],
      sortable: ['name', 'createdAt'],
      defaultSort: ['name'],
      maxPageSize: 100,
      ...(cursorSecret ? { cursorSecret } : {}),
    });
  }
}
