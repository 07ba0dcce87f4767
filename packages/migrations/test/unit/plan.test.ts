import { describe, expect, it } from 'vitest';
import { checksumOf, type HistoryRow, type MigrationSource } from '../../src/index.js';
import { describeStatus, downPlan, upCandidates } from '../../src/plan.js';

const source = (name: string, checksum = `sum-${name}`): MigrationSource => ({
  name,
  checksum,
  path: `/m/${name}.ts`,
  load: async () => ({ up: async () => undefined }),
});
const row = (name: string, state: HistoryRow['state'] = 'applied', checksum = `sum-${name}`): HistoryRow => ({
  name,
  checksum,
  state,
  appliedAt: new Date(0),
  executionMs: 1,
  appliedBy: 'me@host',
});

describe('describeStatus', () => {
  it('should classify applied, pending, missing, changed, incomplete and out-of-order migrations', () => {
    const status = describeStatus(
      [
        source('20260101000001_a'),
        source('20260101000002_b', 'new'),
        source('20260101000003_late'),
        source('20260101000009_next'),
      ],
      [
        row('20260101000001_a'),
        row('20260101000002_b'),
        row('20260101000004_gone'),
        row('20260101000005_cic', 'failed'),
      ],
    );
    expect(status.applied).toEqual(['20260101000001_a', '20260101000002_b']);
    expect(status.changed).toEqual(['20260101000002_b']);
    expect(status.missing).toEqual(['20260101000004_gone']);
    expect(status.incomplete).toEqual(['20260101000005_cic']);
    expect(status.pending).toEqual(['20260101000003_late', '20260101000009_next']);
    expect(status.entries.filter((e) => e.outOfOrder).map((e) => e.name)).toEqual(['20260101000003_late']);
  });
});

describe('downPlan', () => {
  const rows = [row('20260101000001_a'), row('20260101000003_c'), row('20260101000002_b')];
  it('should revert in reverse applied order', () => {
    expect(downPlan(rows, {})).toEqual(['20260101000002_b']);
    expect(downPlan(rows, { step: 2 })).toEqual(['20260101000002_b', '20260101000003_c']);
    expect(downPlan(rows, { to: '20260101000003_c' })).toEqual(['20260101000002_b', '20260101000003_c']);
    expect(downPlan(rows, { to: 0 })).toEqual(['20260101000002_b', '20260101000003_c', '20260101000001_a']);
  });
  it('should refuse an unknown target and a bad step', () => {
    expect(() => downPlan(rows, { to: '20990101000000_x' })).toThrow(/not applied/);
    expect(() => downPlan(rows, { step: -1 })).toThrow(/step must be a positive integer/);
  });
});

describe('upCandidates', () => {
  it('should stop at the target, inclusive', () => {
    const sources = [source('20260101000001_a'), source('20260101000002_b'), source('20260101000003_c')];
    expect(upCandidates(sources, '20260101000002_b')).toEqual(['20260101000001_a', '20260101000002_b']);
    expect(() => upCandidates(sources, '20260101000009_z')).toThrow(/no such migration/);
  });
});

describe('checksumOf', () => {
  it('should not change with line endings', () => {
    expect(checksumOf('a\r\nb')).toBe(checksumOf('a\nb'));
    expect(checksumOf('a', 'b')).not.toBe(checksumOf('ab'));
  });
});
