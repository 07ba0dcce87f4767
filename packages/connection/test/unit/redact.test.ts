import { describe, expect, it } from 'vitest';
import { redactSecrets, redactUrl } from '../../src/index.js';

describe('redactUrl', () => {
  it('should hide the password and keep the rest', () => {
    expect(redactUrl('postgres://app:s3cret@db.example:5432/shop?sslmode=verify-full')).toBe(
      'postgres://app:***@db.example:5432/shop?sslmode=verify-full',
    );
  });
  it('should hide a password given as a query parameter', () => {
    expect(redactUrl('mysql://db/shop?user=a&password=s3cret')).not.toContain('s3cret');
  });
  it('should hide the password in strings that are not valid URLs', () => {
    expect(redactUrl('postgres://app:p@ss w0rd@db/x')).not.toContain('w0rd');
  });
});

describe('redactSecrets', () => {
  it('should remove every occurrence of each secret', () => {
    expect(redactSecrets('pw=s3cret again s3cret', ['s3cret', undefined])).toBe('pw=*** again ***');
  });
});
