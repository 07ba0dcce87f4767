import type { Transaction } from 'sequelize';
import type { MigrationParams, UmzugStorage } from 'umzug';
import type { SeedHistoryEntry, SeedHistoryTable } from './history-table.js';

/** The Umzug context of one seed command: its transaction and, once it ran, what it did. */
export interface SeedCommandContext {
  transaction: Transaction | undefined;
  /** Filled by the seed's `up` before Umzug logs it. */
  entry?: SeedHistoryEntry;
  /** Set when another runner already ran this version: nothing runs, the entry is kept. */
  skip?: SeedHistoryEntry;
}

/**
 * Umzug storage over the seed history table. It reads and writes inside the command's
 * transaction, so a seed and its history row commit or roll back together.
 */
export class SeedHistoryStorage implements UmzugStorage<SeedCommandContext> {
  readonly #table: SeedHistoryTable;

  constructor(table: SeedHistoryTable) {
    this.#table = table;
  }

  async executed({ context }: Pick<MigrationParams<SeedCommandContext>, 'context'>): Promise<string[]> {
    return (await this.#table.list(context.transaction)).map((e) => e.name);
  }

  async logMigration({ name, context }: MigrationParams<SeedCommandContext>): Promise<void> {
    if (context.entry?.name !== name) throw new Error(`Seed "${name}" finished without a history entry`);
    await this.#table.record(context.entry, context.transaction);
  }

  async unlogMigration({ name, context }: MigrationParams<SeedCommandContext>): Promise<void> {
    await this.#table.remove([name], context.transaction);
  }
}
