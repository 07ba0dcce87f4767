const REDACTED = '***';

/**
 * Replaces the password in a connection URL with `***`, keeping everything else readable.
 * Strings that are not URLs are returned with any `password=` query parameter masked.
 * @example redactUrl('postgres://app:s3cret@db:5432/shop') // 'postgres://app:***@db:5432/shop'
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = REDACTED;
    for (const key of ['password', 'sslpassword']) {
      if (parsed.searchParams.has(key)) parsed.searchParams.set(key, REDACTED);
    }
    return parsed.toString();
  } catch {
    return url
      .replace(/(\/\/[^:/@\s]*:)[^@\s]*@/, `$1${REDACTED}@`)
      .replace(/(password=)[^&\s]*/gi, `$1${REDACTED}`);
  }
}

/** Removes every occurrence of each secret from a text, replacing it with `***`. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length > 0) out = out.split(secret).join(REDACTED);
  }
  return out;
}
