import { describe, expect, it } from 'vitest';
import { currentActor, runAs } from '../../src/index.js';

describe('runAs', () => {
  it('should expose the actor to everything awaited inside, and nothing outside', async () => {
    expect(currentActor()).toBeUndefined();
    const seen = await runAs('alice', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentActor();
    });
    expect(seen).toBe('alice');
    expect(currentActor()).toBeUndefined();
  });

  it('should let an inner runAs take over for its own scope only', () => {
    runAs('outer', () => {
      expect(runAs('inner', () => currentActor())).toBe('inner');
      expect(currentActor()).toBe('outer');
    });
  });

  it('should keep concurrent actors apart', async () => {
    const tick = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
    const results = await Promise.all(
      ['a', 'b', 'c'].map((id) =>
        runAs(id, async () => {
          await tick();
          return currentActor();
        }),
      ),
    );
    expect(results).toEqual(['a', 'b', 'c']);
  });

  it('should store numeric ids as strings', () => {
    expect(runAs(42, () => currentActor())).toBe('42');
    expect(runAs(9007199254740993n, () => currentActor())).toBe('9007199254740993');
  });

  it('should refuse an empty or over-long actor id with VALIDATION_FAILED', () => {
    for (const bad of ['', 'x'.repeat(65)]) {
      expect(() => runAs(bad, () => undefined)).toThrow(
        expect.objectContaining({
          code: 'VALIDATION_FAILED',
          issues: [expect.objectContaining({ path: 'actorId' })],
        }),
      );
    }
  });
});
