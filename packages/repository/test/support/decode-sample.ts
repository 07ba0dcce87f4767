import type { ModelMeta, RelationMeta } from '../../src/_internal/model-meta.js';
import type { TextParser } from '../../src/_internal/pg-timestamp.js';
import { rowDecoder } from '../../src/_internal/row-decoder.js';

/**
 * Decodes the same two rows (one with its joined user, one without) with each of the row
 * decoder's three readers; prints them as JSON when run as a script (see row-decoder.test.ts).
 */
const attributes = (...names: string[]) => new Map(names.map((name) => [name, { name }]));
const user = { attributes: attributes('id', 'email'), primaryKey: { name: 'id' } };
const order = { attributes: attributes('id', 'total', 'note') } as unknown as ModelMeta;
const joins = [{ name: 'user', target: user }] as unknown as RelationMeta[];

const texts = [
  ['1', '250', null, '7', 'ann@x.com'],
  ['2', '40', 'gift', null, null],
];
const parsers: TextParser[] = [Number, Number, String, Number, (t) => t.toUpperCase()];
const parsed = texts.map((row) => row.map((t, i) => (t === null ? null : (parsers[i] as TextParser)(t))));
const aliases = ['id', 'total', 'note', 'user.id', 'user.email'];

export function decodeSample(): Record<string, unknown> {
  const decoder = rowDecoder(order, joins);
  return {
    fromText: texts.map((row) => decoder.fromText(row, parsers)),
    fromArray: parsed.map((row) => decoder.fromArray(row)),
    fromObject: parsed.map((row) =>
      decoder.fromObject(Object.fromEntries(aliases.map((a, i) => [a, row[i]]))),
    ),
  };
}

if (process.argv[1]?.endsWith('decode-sample.ts')) console.log(JSON.stringify(decodeSample()));
