import { expect, it } from 'vitest';

it('should have an entry point', async () => {
  const { existsSync } = await import('node:fs');
  expect(existsSync(new URL('../src/main.ts', import.meta.url))).toBe(true);
});
