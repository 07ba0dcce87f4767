import type { Logger } from '@dalkit/connection';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/progress/create-progress.js';
import { createLogProgress } from '../../src/progress/log-progress.js';
import { formatDuration, formatProgressLine, progressSnapshot } from '../../src/progress/snapshot.js';
import { createTerminalProgress } from '../../src/progress/terminal-progress.js';

function fakeClock() {
  let now = 0;
  return {
    now: () => now,
    tick(ms: number): void {
      now += ms;
    },
  };
}

describe('progressSnapshot', () => {
  it('should compute rows/s and the ETA', () => {
    const s = progressSnapshot('users', 25_000, 100_000, 500);
    expect(s.rowsPerSecond).toBe(50_000);
    expect(s.etaMs).toBe(1500);
    expect(formatProgressLine(s)).toBe('users 25,000/100,000 25% 50,000 rows/s ETA 2s');
    expect(progressSnapshot('x', 10, undefined, 1000).etaMs).toBeUndefined();
  });

  it('should format durations', () => {
    expect(formatDuration(4_400)).toBe('4s');
    expect(formatDuration(185_000)).toBe('3m05s');
    expect(formatDuration(3_725_000)).toBe('1h02m');
  });
});

describe('createTerminalProgress', () => {
  it('should redraw a bar in place at most every redrawMs, then print a summary line', () => {
    const clock = fakeClock();
    const out: string[] = [];
    const progress = createTerminalProgress({
      stream: { write: (s: string) => out.push(s), columns: 200 },
      now: clock.now,
      redrawMs: 100,
    });
    const task = progress.start({ label: 'posts', total: 1000 });
    clock.tick(100);
    task.advance(500);
    task.advance(100);
    clock.tick(100);
    task.advance(400);
    task.done();
    expect(out).toHaveLength(3);
    expect(out[0]).toContain('[############------------] posts 500/1,000 50% 5,000 rows/s ETA 0s');
    expect(out[0]?.startsWith('\r')).toBe(true);
    expect(out[2]).toBe('\rposts: 1,000 rows in 0s (5,000 rows/s)\x1b[K\n');
  });
});

describe('createLogProgress', () => {
  it('should log progress lines at an interval and a summary', () => {
    const clock = fakeClock();
    const lines: Array<[Record<string, unknown>, string]> = [];
    const info = (obj: Record<string, unknown> | string, msg?: string) =>
      lines.push([obj as Record<string, unknown>, msg ?? '']);
    const logger = { debug: () => {}, info, warn: () => {}, error: () => {} } as unknown as Logger;
    const task = createLogProgress({ logger, intervalMs: 1000, now: clock.now }).start({ label: 'posts' });
    task.advance(10);
    clock.tick(1000);
    task.advance(10);
    task.done();
    expect(lines.map(([obj]) => [obj.event, obj.rows])).toEqual([
      ['progress', 20],
      ['loaded', 20],
    ]);
    expect(lines[1]?.[1]).toBe('posts 20 20 rows/s');
  });
});

describe('createProgress', () => {
  it('should draw a bar only on a TTY outside JSON mode', () => {
    const out: string[] = [];
    const logger = {
      debug: () => {},
      info: () => out.push('log'),
      warn: () => {},
      error: () => {},
    } as unknown as Logger;
    const tty = { isTTY: true, write: (s: string) => out.push(s) };
    createProgress({ logger, stream: tty }).start({ label: 't' }).done();
    createProgress({ logger, stream: tty, json: true }).start({ label: 't' }).done();
    createProgress({ logger, stream: { isTTY: false, write: () => {} } })
      .start({ label: 't' })
      .done();
    expect(out[0]).toContain('t: 0 rows');
    expect(out.slice(1)).toEqual(['log', 'log']);
  });
});
