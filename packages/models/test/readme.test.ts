import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');

describe('README', () => {
  it.each(readdirSync(new URL('examples/', root)).filter((f) => f.endsWith('.ts')))(
    'should show examples/%s exactly as the tested file',
    (file) => {
      const source = readFileSync(new URL(`examples/${file}`, root), 'utf8').trimEnd();
      expect(readme).toContain(`// examples/${file}\n${source}`);
    },
  );
});
