import type { RowDecoder } from './row-decoder.js';
import { ROOT } from './select-sql.js';
import type { ResolvedSort } from './sort.js';
import type { SqlBuilder } from './sql-builder.js';

type Row = Record<string, unknown>;

/** The alias of the `i`-th exact key column. */
const keyAlias = (i: number) => `__sort_key_${i}`;

/**
 * The date sort keys of a keyset listing, also selected as the database's own text.
 *
 * A JavaScript Date holds milliseconds; PostgreSQL and MariaDB `DATETIME(6)` store microseconds.
 * A cursor carrying the row's Date would compare `(taken_at, id) < ('…00.000', 7)` for a row
 * stored at `…00.000900`, skipping the rows in between (or, ascending, repeating the page
 * forever). Selected as text (`::text` on PostgreSQL, with its UTC offset, in the ISO DateStyle
 * that node-postgres itself needs; `CAST(… AS CHAR)` on MariaDB) and bound back as a string,
 * the value is exact.
 */
export class ExactSortKeys {
  /** `, <expr> AS "__sort_key_0", …` to append to the select list; empty without date terms. */
  readonly columns: string;
  private readonly positions: (number | undefined)[];
  private readonly count: number;
  private readonly exact = new Map<Row, unknown[]>();

  constructor(sql: SqlBuilder, terms: readonly ResolvedSort[]) {
    const columns: string[] = [];
    this.positions = terms.map((term) => {
      if (term.attribute.kind !== 'date') return undefined;
      const column = sql.column(ROOT, term.attribute.column);
      const text = sql.isPostgres ? `${column}::text` : `CAST(${column} AS CHAR)`;
      columns.push(`${text} AS ${sql.id(keyAlias(columns.length))}`);
      return columns.length - 1;
    });
    this.count = columns.length;
    this.columns = columns.map((c) => `, ${c}`).join('');
  }

  /** `decoder`, also keeping each row's exact key texts (the last columns) for `valuesOf`. */
  decoding(decoder: RowDecoder): RowDecoder {
    if (this.count === 0) return decoder;
    const count = this.count;
    return {
      // The exact columns are `::text`: their wire text is the key, parsed or not.
      fromText: (fields, parsers) => {
        const row = decoder.fromText(fields, parsers);
        this.exact.set(row, fields.slice(fields.length - count));
        return row;
      },
      fromArray: (values) => {
        const row = decoder.fromArray(values);
        this.exact.set(row, values.slice(values.length - count));
        return row;
      },
      fromObject: (raw) => {
        const row = decoder.fromObject(raw);
        this.exact.set(
          row,
          Array.from({ length: count }, (_, i) => raw[keyAlias(i)]),
        );
        return row;
      },
    };
  }

  /** The row's sort key values for its cursor: exact texts for dates, attribute values otherwise. */
  valuesOf(row: Row, terms: readonly ResolvedSort[]): unknown[] {
    const exact = this.exact.get(row);
    return terms.map((term, i) => {
      const position = this.positions[i];
      return position === undefined || !exact ? row[term.attribute.name] : exact[position];
    });
  }
}
