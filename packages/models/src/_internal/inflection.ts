const IRREGULAR: ReadonlyArray<readonly [string, string]> = [
  ['person', 'people'],
  ['child', 'children'],
  ['man', 'men'],
  ['woman', 'women'],
  ['mouse', 'mice'],
  ['goose', 'geese'],
  ['tooth', 'teeth'],
  ['foot', 'feet'],
  ['criterion', 'criteria'],
  ['datum', 'data'],
  ['analysis', 'analyses'],
  ['index', 'indexes'],
];
const UNCOUNTABLE = new Set([
  'news',
  'series',
  'species',
  'information',
  'equipment',
  'metadata',
  'media',
  'settings',
]);
const SINGULAR_ENDINGS = ['ss', 'us', 'is'];

/** The singular of one lowercase English word (a small rule set plus irregulars). */
export function singularize(word: string): string {
  if (UNCOUNTABLE.has(word)) return word;
  const irregular = IRREGULAR.find(([, plural]) => plural === word);
  if (irregular) return irregular[0];
  if (IRREGULAR.some(([singular]) => singular === word)) return word;
  if (SINGULAR_ENDINGS.some((end) => word.endsWith(end))) return word;
  if (/[^aeiou]ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ss|x|z|ch|sh|us)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** The plural of one lowercase English word (a small rule set plus irregulars). */
export function pluralize(word: string): string {
  if (UNCOUNTABLE.has(word)) return word;
  const irregular = IRREGULAR.find(([singular]) => singular === word);
  if (irregular) return irregular[1];
  if (IRREGULAR.some(([, plural]) => plural === word)) return word;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/** True when the last word of a snake_case name is a plural. */
export function isPluralName(name: string): boolean {
  const last = name.split('_').pop() ?? name;
  return UNCOUNTABLE.has(last) || pluralize(singularize(last)) === last;
}

/** A snake_case name's last word made plural: `blog_post` → `blog_posts`. */
export function pluralizeName(name: string): string {
  const parts = name.split('_');
  const last = parts.pop() ?? name;
  return [...parts, pluralize(singularize(last))].join('_');
}

/** A snake_case name's last word made singular: `blog_posts` → `blog_post`. */
export function singularizeName(name: string): string {
  const parts = name.split('_');
  const last = parts.pop() ?? name;
  return [...parts, singularize(last)].join('_');
}

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** True for `snake_case` identifiers: lowercase words joined by single underscores. */
export function isSnakeCase(name: string): boolean {
  return SNAKE_CASE.test(name);
}

/** `blogPost`, `BlogPost`, `blog-post`, `Blog Post` → `blog_post`. */
export function toSnakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}
