/** `YYYYMMDDHHMMSS` in UTC: migration file prefixes and default backup folder names. */
export function compactTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
