import { describe, expect, it } from 'vitest';
import { orderSeeds, withDependencies, withDependents } from '../../src/seed-graph.js';

const seeds = [
  { name: 'posts', dependsOn: ['users'] },
  { name: 'countries' },
  { name: 'users', dependsOn: ['countries'] },
  { name: 'tags' },
];

describe('orderSeeds', () => {
  it('should put dependencies first and keep the given order otherwise', () => {
    expect(orderSeeds(seeds).map((s) => s.name)).toEqual(['countries', 'users', 'posts', 'tags']);
  });

  it('should name the cycle', () => {
    const cyclic = [
      { name: 'a', dependsOn: ['b'] },
      { name: 'b', dependsOn: ['a'] },
    ];
    expect(() => orderSeeds(cyclic)).toThrow('Seed dependency cycle: a -> b -> a');
    expect(() => orderSeeds([{ name: 'self', dependsOn: ['self'] }])).toThrow('self -> self');
  });

  it('should name an unknown dependency', () => {
    expect(() => orderSeeds([{ name: 'a', dependsOn: ['ghost'] }])).toThrow(
      'Seed "a" depends on "ghost", which is not a seed that can run here',
    );
  });
});

describe('withDependencies', () => {
  it('should add what the named seeds need, transitively', () => {
    expect([...withDependencies(seeds, ['posts'])].sort()).toEqual(['countries', 'posts', 'users']);
  });

  it('should reject an unknown name, pointing at its position', () => {
    expect(() => withDependencies(seeds, ['tags', 'nope'])).toThrow('only[1]');
  });
});

describe('withDependents', () => {
  it('should add every seed that depends on the named ones', () => {
    expect([...withDependents(seeds, ['countries'])].sort()).toEqual(['countries', 'posts', 'users']);
  });
});
