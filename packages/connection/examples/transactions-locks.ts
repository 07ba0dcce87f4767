import { createDatabase, IsolationLevel, rowLockOptions } from '@dalkit/connection';
import { DataTypes, type Model } from 'sequelize';

interface JobRow {
  id: number;
  status: string;
}

/** A job queue: claim rows with SKIP LOCKED, run one report at a time, finish by hand with begin(). */
export async function jobQueue(url: string): Promise<string[]> {
  const out: string[] = [];
  const db = createDatabase({ url, pool: { max: 1, min: 0 } });
  const Job = db.sequelize.define<Model<JobRow> & JobRow>(
    'Job',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true },
      status: { type: DataTypes.STRING(16), allowNull: false },
    },
    { tableName: 'example_jobs', timestamps: false },
  );
  try {
    await Job.sync({ force: true });
    await Job.bulkCreate([1, 2, 3].map((id) => ({ id, status: 'pending' })));

    // Rows another worker has locked are skipped, not waited for.
    const claimed = await db.transaction(async () => {
      const jobs = await Job.findAll({
        where: { status: 'pending' },
        order: [['id', 'ASC']],
        limit: 2,
        ...rowLockOptions('update skip locked'),
      });
      const ids = jobs.map((job) => job.id);
      await Job.update({ status: 'running' }, { where: { id: ids } });
      return ids;
    });
    out.push(`claimed: ${claimed.join(', ')}`);

    // One holder at a time across every process; PostgreSQL releases it with the transaction.
    const countRunning = () => Job.count({ where: { status: 'running' } });
    const running = await db.withAdvisoryLock('nightly-report', countRunning, { timeoutMs: 5_000 });
    out.push(`running: ${running}`);

    // Manual control: commit or roll back yourself; a second commit is refused.
    const tx = await db.begin({ isolationLevel: IsolationLevel.REPEATABLE_READ });
    try {
      await Job.update({ status: 'done' }, { where: { id: claimed }, transaction: tx.transaction });
      await tx.commit();
    } catch (error) {
      await tx.rollback();
      throw error;
    }
    await tx.commit().catch((error: { code: string }) => out.push(`second commit: ${error.code}`));
    out.push(`done: ${await Job.count({ where: { status: 'done' } })}`);
  } finally {
    await db.close();
  }
  return out;
}
