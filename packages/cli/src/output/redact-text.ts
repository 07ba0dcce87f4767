import { redactSecrets, redactUrl } from '@dalkit/connection';

const URL_WITH_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"`]*@[^\s'"`]*/gi;

/**
 * Masks every password in a text: credentials inside connection URLs, `password=` parameters,
 * and any extra secret given (a password read from the config).
 */
export function redactText(text: string, secrets: readonly (string | undefined)[] = []): string {
  const urlsMasked = text
    .replace(URL_WITH_CREDENTIALS, (url) => redactUrl(url))
    .replace(/(password=)[^&\s]*/gi, '$1***');
  return redactSecrets(urlsMasked, secrets);
}
