import { expect, it } from 'vitest';
import * as api from '../src/index.js';

it('should load its public entry point', () => {
  expect(Object.keys(api).length).toBeGreaterThan(0);
});
