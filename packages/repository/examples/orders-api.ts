/**
 * A repository for an orders API: allowlisted filters and sorting, a URL query string,
 * offset and keyset pages, aggregates and a domain method on a subclass.
 * Run: `pnpm tsx examples/orders-api.ts postgres://postgres@127.0.0.1:5432/postgres`
 */
import { withTransaction } from '@dalkit/connection';
import {
  BelongsTo,
  Column,
  DataType,
  ForeignKey,
  HasMany,
  Model,
  Sequelize,
  Table,
} from 'sequelize-typescript';
import { Repository, repositoryFor } from '../src/index.js';

@Table({ tableName: 'customers', underscored: true })
class Customer extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true }) declare id: number;
  @Column({ type: DataType.STRING(200), allowNull: false, unique: true }) declare email: string;
  @HasMany(() => Purchase) declare purchases?: Purchase[];
}

@Table({ tableName: 'purchases', underscored: true })
class Purchase extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true }) declare id: number;
  @ForeignKey(() => Customer)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare customerId: number;
  @Column({ type: DataType.STRING(20), allowNull: false }) declare status: string;
  @Column({ type: DataType.INTEGER, allowNull: false }) declare total: number;
  @BelongsTo(() => Customer) declare customer?: Customer;
  declare createdAt: Date;
}

/** A subclass adds domain queries on top of the generic methods. */
class PurchaseRepository extends Repository<
  Purchase,
  'status' | 'total' | 'customer.email',
  'total' | 'createdAt'
> {
  constructor() {
    super(Purchase, {
      filterable: ['status', 'total', 'customer.email'],
      sortable: ['total', 'createdAt'],
      aggregatable: ['status', 'total'],
      cursorSecret: 'change-me',
    });
  }

  /** Paid purchases of one customer, largest first. */
  paidBy(email: string) {
    return this.findAll({ status: 'paid', 'customer.email': email }, { sort: '-total' });
  }
}

/** Runs the example against `url` and returns what it would print. */
export async function main(url: string): Promise<string[]> {
  const out: string[] = [];
  const sequelize = new Sequelize(url, { logging: false, pool: { max: 1 }, models: [Customer, Purchase] });
  try {
    await sequelize.sync({ force: true });
    const customers = repositoryFor(Customer, { filterable: ['email'] });
    const purchases = new PurchaseRepository();

    const ann = await customers.create({ email: 'ann@example.com' });
    await purchases.createMany(
      Array.from({ length: 12 }, (_, i) => ({
        customerId: ann.id,
        status: i % 3 ? 'paid' : 'new',
        total: (i + 1) * 10,
      })),
    );

    const query = purchases.parseQuery('filter[status]=paid&filter[total][gte]=50&sort=-total&page[size]=3');
    const page = await purchases.findPage(query.filter, { sort: query.sort, pageSize: query.page.size });
    out.push(
      `page 1: ${page.items.map((p) => p.total).join(', ')} of ${page.total}, hasNext=${page.hasNext}`,
    );

    const first = await purchases.findKeysetPage({ status: 'paid' }, { first: 4, sort: '-total' });
    const next = await purchases.findKeysetPage(
      { status: 'paid' },
      { first: 4, after: first.pageInfo.endCursor ?? '', sort: '-total' },
    );
    out.push(
      `keyset: ${first.items.map((p) => p.total).join(', ')} | ${next.items.map((p) => p.total).join(', ')}`,
    );

    const stats = await purchases.aggregate({
      groupBy: ['status'],
      metrics: { n: { fn: 'count' }, revenue: { fn: 'sum', field: 'total' } },
    });
    out.push(`by status: ${stats.map((s) => `${s.status}=${s.n}/${s.revenue}`).join(' ')}`);

    out.push(`paid by ann: ${(await purchases.paidBy('ann@example.com')).length}`);

    // Same-tick lookups share one statement on PostgreSQL (`= ANY($1)`); each caller gets its row.
    const found = await Promise.all([1, 2, 999].map((id) => purchases.findById(id)));
    out.push(`looked up: ${found.map((p) => p?.total ?? 'none').join(', ')}`);

    await withTransaction(sequelize, async () => {
      const updated = await purchases.updateWhere({ status: 'new' }, { status: 'paid' });
      out.push(`marked paid: ${updated}`);
    });

    try {
      await purchases.findAll({ total: { gte: 'lots' } } as never);
    } catch (error) {
      out.push(`refused: ${(error as Error).message}`);
    }
  } finally {
    await sequelize.close();
  }
  return out;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  main(process.argv[2] ?? 'postgres://postgres@127.0.0.1:5432/postgres').then((lines) =>
    console.log(lines.join('\n')),
  );
}
