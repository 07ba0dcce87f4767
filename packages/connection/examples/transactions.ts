import { createDatabase, IsolationLevel } from '@dalkit/connection';
import { DataTypes, type Model } from 'sequelize';

interface AccountRow {
  name: string;
  balance: number;
}

/** An all-or-nothing transfer with no transaction passed around, a savepoint, and a retried SERIALIZABLE read. */
export async function transfers(url: string): Promise<string[]> {
  const out: string[] = [];
  const db = createDatabase({ url, pool: { max: 1, min: 0 } });
  const Account = db.sequelize.define<Model<AccountRow> & AccountRow>(
    'Account',
    {
      name: { type: DataTypes.STRING(32), primaryKey: true },
      balance: { type: DataTypes.INTEGER, allowNull: false },
    },
    { tableName: 'example_accounts', timestamps: false },
  );
  const Audit = db.sequelize.define(
    'Audit',
    { note: { type: DataTypes.STRING(100), allowNull: false } },
    { tableName: 'example_audit', timestamps: false },
  );
  try {
    await Account.sync({ force: true });
    await Audit.sync({ force: true });
    await Account.bulkCreate([
      { name: 'alice', balance: 100 },
      { name: 'bob', balance: 0 },
    ]);

    const transfer = (from: string, to: string, amount: number) =>
      db.transaction(async () => {
        // Every query in here joins the transaction: no { transaction } option anywhere.
        await Account.increment({ balance: -amount }, { where: { name: from } });
        await Account.increment({ balance: amount }, { where: { name: to } });
        const payer = await Account.findByPk(from);
        if ((payer?.balance ?? 0) < 0) throw new Error(`${from} cannot pay ${amount}`);
        // A nested call is a SAVEPOINT: if writing the audit fails, only the audit is undone.
        await db
          .transaction(async () => Audit.create({ note: `${from} -> ${to}: ${amount}` }))
          .catch(() => {});
      });

    await transfer('alice', 'bob', 30);
    await transfer('bob', 'alice', 500).catch((error: Error) => out.push(`refused: ${error.message}`));

    // Serialization failures and deadlocks re-run the whole callback (5 attempts by default).
    const total = await db.transaction(async () => Account.sum('balance'), {
      isolationLevel: IsolationLevel.SERIALIZABLE,
      readOnly: true,
      retry: { maxAttempts: 3 },
    });
    const rows = await Account.findAll({ order: [['name', 'ASC']], raw: true });
    out.push(
      rows.map((r) => `${r.name}: ${r.balance}`).join(', '),
      `total: ${total}`,
      `audit rows: ${await Audit.count()}`,
    );
  } finally {
    await db.close();
  }
  return out;
}
