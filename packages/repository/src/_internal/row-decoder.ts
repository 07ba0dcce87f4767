import type { ModelMeta, RelationMeta } from './model-meta.js';

type Row = Record<string, unknown>;

/**
 * Turns one result row of a SELECT written by `selectSql` into the attribute-keyed object the
 * repository returns, with each joined to-one relation nested under its name (null when the
 * LEFT JOIN found nothing). The columns are, in order, the root model's attributes and then
 * each joined relation's attributes, aliased `relation.attribute`.
 */
export interface RowDecoder {
  /** From the driver's array row (pg `rowMode: 'array'`). */
  fromArray(values: readonly unknown[]): Row;
  /** From a row object keyed by column alias (any other driver path). */
  fromObject(row: Row): Row;
}

/** One output property: its name and the column (index and alias) it reads. */
interface Slot {
  name: string;
  index: number;
  alias: string;
}

interface Layout {
  root: Slot[];
  joined: { name: string; key: Slot; slots: Slot[] }[];
}

function layoutOf(meta: ModelMeta, joins: readonly RelationMeta[]): Layout {
  let index = 0;
  const root = [...meta.attributes.values()].map((a) => ({ name: a.name, index: index++, alias: a.name }));
  const joined = joins.map((relation) => {
    const slots = [...relation.target.attributes.values()].map((a) => ({
      name: a.name,
      index: index++,
      alias: `${relation.name}.${a.name}`,
    }));
    const key = slots.find((s) => s.name === relation.target.primaryKey.name) as Slot;
    return { name: relation.name, key, slots };
  });
  return { root, joined };
}

/** A JavaScript object literal reading each slot through `read(slot)`. */
function literal(layout: Layout, read: (slot: Slot) => string): string {
  const props = layout.root.map((s) => `${JSON.stringify(s.name)}: ${read(s)}`);
  for (const join of layout.joined) {
    const nested = join.slots.map((s) => `${JSON.stringify(s.name)}: ${read(s)}`).join(', ');
    props.push(`${JSON.stringify(join.name)}: ${read(join.key)} === null ? null : { ${nested} }`);
  }
  return `({ ${props.join(', ')} })`;
}

/**
 * Object literals compiled once per layout give every row the same hidden class and cost one
 * allocation per object. Property names are JSON-escaped attribute names from model metadata.
 */
function compile<T>(layout: Layout, read: (slot: Slot) => string): (input: T) => Row {
  return new Function('r', `return ${literal(layout, read)};`) as (input: T) => Row;
}

function interpret(layout: Layout, read: (slot: Slot) => unknown): Row {
  const row: Row = {};
  for (const s of layout.root) row[s.name] = read(s);
  for (const join of layout.joined) {
    if (read(join.key) === null) {
      row[join.name] = null;
      continue;
    }
    const nested: Row = {};
    for (const s of join.slots) nested[s.name] = read(s);
    row[join.name] = nested;
  }
  return row;
}

function build(meta: ModelMeta, joins: readonly RelationMeta[]): RowDecoder {
  const layout = layoutOf(meta, joins);
  try {
    const fromArray = compile<readonly unknown[]>(layout, (s) => `r[${s.index}]`);
    const fromObject = compile<Row>(layout, (s) => `r[${JSON.stringify(s.alias)}]`);
    return { fromArray, fromObject };
  } catch {
    // Code generation disabled (--disallow-code-generation-from-strings): same result, slower.
    return {
      fromArray: (values) => interpret(layout, (s) => values[s.index]),
      fromObject: (row) => interpret(layout, (s) => row[s.alias]),
    };
  }
}

const DECODERS = new WeakMap<ModelMeta, Map<string, RowDecoder>>();

/** The decoder for rows of `meta` with these joined relations, built once per combination. */
export function rowDecoder(meta: ModelMeta, joins: readonly RelationMeta[] = []): RowDecoder {
  let byJoins = DECODERS.get(meta);
  if (!byJoins) {
    byJoins = new Map();
    DECODERS.set(meta, byJoins);
  }
  const key = joins.map((r) => r.name).join(',');
  let decoder = byJoins.get(key);
  if (!decoder) {
    decoder = build(meta, joins);
    byJoins.set(key, decoder);
  }
  return decoder;
}
