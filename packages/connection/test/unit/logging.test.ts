import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createDefaultLogger, redactingLogger, silentLogger } from '../../src/logging.js';

describe('redactingLogger', () => {
  it('should remove the secret from messages, nested strings and errors', () => {
    const output: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        output.push(String(chunk));
        done();
      },
    });
    const logger = redactingLogger(pino({ level: 'debug' }, sink), ['pa55word']);
    logger.info('connecting with pa55word');
    logger.warn({ url: 'postgres://u:pa55word@h/db', nested: { list: ['x pa55word'] } }, 'attempt pa55word');
    logger.error({ err: new Error('auth failed for pa55word') });
    logger.child?.({ component: 'x' }).debug({ a: 'pa55word' }, 'child');
    expect(output).toHaveLength(4);
    expect(output.join('')).not.toContain('pa55word');
    expect(output.join('')).toContain('auth failed for ***');
  });

  it('should return the logger unchanged when there is no secret', () => {
    expect(redactingLogger(silentLogger, [undefined, ''])).toBe(silentLogger);
  });
});

describe('createDefaultLogger', () => {
  it('should be pino at the level asked, or silent', () => {
    expect((createDefaultLogger('warn') as unknown as { level: string }).level).toBe('warn');
    expect(createDefaultLogger('silent')).toBe(silentLogger);
  });
});
