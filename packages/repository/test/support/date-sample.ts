import { createRequire } from 'node:module';
import { textValues } from '../../src/_internal/pg-values.js';

/**
 * Compares how `textValues` and pg's own `prepareValue` write Dates in this process's time zone
 * (set TZ), in local and UTC mode. A Date `textValues` declines (year outside 1–9999 in the
 * written time) goes to pg's own path and is only counted. Prints the counts and the first
 * differences as JSON when run as a script (see pg-statement.test.ts).
 */
const require = createRequire(import.meta.url);
const { prepareValue } = require('pg/lib/utils.js') as { prepareValue(value: unknown): unknown };
const { defaults } = require('pg') as { defaults: { parseInputDatesAsUTC: boolean } };

function samples(): Date[] {
  const dates = [
    new Date('0001-01-01T00:00:00.000Z'),
    new Date('1900-01-01T00:00:00.000Z'),
    new Date('1970-01-01T00:00:00.000Z'),
    new Date('2026-03-29T00:59:59.999Z'),
    new Date('2026-03-29T01:00:00.000Z'),
    new Date('2026-10-25T00:30:00.500Z'),
    new Date('2026-11-01T05:30:00.007Z'),
    new Date('9999-12-31T23:59:59.999Z'),
  ];
  // Every 7 hours 13 minutes over two years: crosses each DST change of the zone.
  for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 26_000_123) dates.push(new Date(t));
  return dates;
}

export function compareDates(): { compared: number; declined: number; differences: unknown[] } {
  const differences: unknown[] = [];
  let compared = 0;
  let declined = 0;
  for (const utc of [false, true]) {
    defaults.parseInputDatesAsUTC = utc;
    for (const date of samples()) {
      const ours = textValues([date, [date, null]], utc);
      if (ours === undefined) {
        declined++;
        continue;
      }
      compared++;
      const theirs = [prepareValue(date), prepareValue([date, null])];
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) differences.push({ utc, ours, theirs });
    }
  }
  defaults.parseInputDatesAsUTC = false;
  return { compared, declined, differences: differences.slice(0, 5) };
}

if (process.argv[1]?.endsWith('date-sample.ts')) console.log(JSON.stringify(compareDates()));
