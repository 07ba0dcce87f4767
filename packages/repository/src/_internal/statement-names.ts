import { createHash } from 'node:crypto';

/**
 * Names of prepared statements, one per SQL text: `dalkit_<sha1 prefix>` for `runStatement`,
 * which tracks what it prepared on each connection, and a name of its own for pg's query path,
 * which tracks its statements apart.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();
  private readonly pgNames = new Map<string, string>();
  private renames = 0;

  /** The statement's name for `runStatement`. */
  name(sql: string): string {
    let name = this.names.get(sql);
    if (!name) {
      name = `dalkit_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
      this.names.set(sql, name);
    }
    return name;
  }

  /** The statement's name on pg's query path. */
  pgName(sql: string): string {
    return this.pgNames.get(sql) ?? `${this.name(sql)}_pg`;
  }

  /**
   * pg never forgets a statement it prepared on a connection, so once that copy is stale (a
   * column changed type) every run of it fails there. A new name makes each connection prepare
   * the statement afresh.
   */
  renamePg(sql: string): void {
    this.pgNames.set(sql, `${this.name(sql)}_pg${++this.renames}`);
  }
}
