import { describe, expect, it } from 'vitest';
import {
  isPluralName,
  isSnakeCase,
  pluralizeName,
  singularizeName,
  toSnakeCase,
} from '../../src/_internal/inflection.js';

describe('inflection', () => {
  it.each([
    ['user', 'users'],
    ['category', 'categories'],
    ['address', 'addresses'],
    ['box', 'boxes'],
    ['status', 'statuses'],
    ['person', 'people'],
    ['post_tag', 'post_tags'],
    ['day', 'days'],
  ])('should pluralize %s as %s and back', (singular, plural) => {
    expect(pluralizeName(singular)).toBe(plural);
    expect(singularizeName(plural)).toBe(singular);
    expect(isPluralName(plural)).toBe(true);
    expect(isPluralName(singular)).toBe(false);
  });

  it('should accept uncountable words as plural', () => {
    expect(isPluralName('news')).toBe(true);
    expect(isPluralName('app_settings')).toBe(true);
  });

  it('should recognise and make snake_case names', () => {
    expect(isSnakeCase('blog_posts')).toBe(true);
    expect(isSnakeCase('blogPosts')).toBe(false);
    expect(isSnakeCase('blog__posts')).toBe(false);
    expect(isSnakeCase('_posts')).toBe(false);
    expect(toSnakeCase('BlogPost')).toBe('blog_post');
    expect(toSnakeCase('authorID')).toBe('author_id');
    expect(toSnakeCase('HTTPRequestLog')).toBe('http_request_log');
    expect(toSnakeCase('display-name')).toBe('display_name');
  });
});
