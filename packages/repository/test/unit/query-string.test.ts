import { describe, expect, it } from 'vitest';
import { parseQueryString } from '../../src/index.js';

describe('parseQueryString', () => {
  it('should parse filters, operators, lists, sort and page', () => {
    const parsed = parseQueryString(
      '?filter[status]=paid&filter[total][gte]=10&filter[status2][in]=a,b&sort=-created_at,id&page[size]=50&page[number]=2',
    );
    expect(parsed.filter).toEqual({ status: 'paid', total: { gte: '10' }, status2: { in: 'a,b' } });
    expect(parsed.sort).toBe('-created_at,id');
    expect(parsed.page).toEqual({ number: 2, size: 50 });
  });

  it('should turn numbered or/and members into lists', () => {
    const parsed = parseQueryString('filter[or][1][total][lt]=5&filter[or][0][status]=new');
    expect(parsed.filter).toEqual({ or: [{ status: 'new' }, { total: { lt: '5' } }] });
  });

  it('should read cursors from page[after] and page[before]', () => {
    expect(parseQueryString('page[after]=abc.def').page).toEqual({
      after: 'abc.def',
      number: undefined,
      size: undefined,
    });
  });

  it.each([
    ['unknown parameter', 'foo=1'],
    ['filter without a field', 'filter=1'],
    ['page size over the cap', 'page[size]=101'],
    ['page size not a number', 'page[size]=ten'],
    ['unknown page key', 'page[offset]=1'],
    ['a repeated value', 'filter[a]=1&filter[a]=2'],
    ['sort given twice', 'sort=a&sort=b'],
    ['prototype pollution', 'filter[__proto__][x]=1'],
    ['a value mixed with nested keys', 'filter[a]=1&filter[a][eq]=2'],
    ['brackets with odd characters', "filter[a'--]=1"],
  ])('should refuse %s', (_, query) => {
    expect(() => parseQueryString(query)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('should cap the length and the number of parameters', () => {
    expect(() => parseQueryString(`filter[a]=${'x'.repeat(5000)}`)).toThrow(/at most 4096/);
    const many = Array.from({ length: 51 }, (_, i) => `filter[f${i}]=1`).join('&');
    expect(() => parseQueryString(many)).toThrow(/at most 50 parameters/);
    expect(() => parseQueryString(many, { maxParams: 60 })).not.toThrow();
  });
});
