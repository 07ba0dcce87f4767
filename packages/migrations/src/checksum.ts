import { createHash } from 'node:crypto';

/** sha256 (hex) of text with line endings normalised, so a CRLF checkout keeps the same checksum. */
export function checksumOf(...parts: string[]): string {
  const hash = createHash('sha256');
  parts.forEach((part, i) => {
    if (i > 0) hash.update('\0');
    hash.update(part.replace(/\r\n/g, '\n'));
  });
  return hash.digest('hex');
}
