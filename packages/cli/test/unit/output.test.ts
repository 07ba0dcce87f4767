import { PassThrough } from 'node:stream';
import { ValidationError } from '@dalkit/connection';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/exit-code.js';
import { shouldUseColor } from '../../src/output/colors.js';
import { describeError } from '../../src/output/describe-error.js';
import { createOutput, type OutputOptions } from '../../src/output/output.js';
import { createProgress } from '../../src/output/progress.js';
import { redactText } from '../../src/output/redact-text.js';

function capture(isTTY = false) {
  const stream = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream, read: () => text };
}

function output(overrides: Partial<OutputOptions> = {}) {
  const stdout = capture(overrides.stdout?.isTTY);
  const stderr = capture();
  const out = createOutput({
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: {},
    json: false,
    quiet: false,
    verbose: false,
    color: true,
    ...overrides,
  });
  return { out, stdout: stdout.read, stderr: stderr.read };
}

describe('createOutput', () => {
  it('should print exactly one JSON object for a result under --json and no human text', () => {
    const { out, stdout, stderr } = output({ json: true });
    out.note('working');
    out.warn('careful');
    out.progress('backup').update(1, 2, 'users');
    out.result({ command: 'x', n: 1 }, () => 'human');
    expect(stdout()).toBe('{"ok":true,"command":"x","n":1}\n');
    expect(stderr()).toBe('');
  });

  it('should let a result report ok: false', () => {
    const { out, stdout } = output({ json: true });
    out.result({ ok: false }, () => '');
    expect(JSON.parse(stdout())).toEqual({ ok: false });
  });

  it('should print nothing but errors under --quiet', () => {
    const { out, stdout, stderr } = output({ quiet: true });
    out.note('working');
    out.result({}, () => 'done');
    expect(stdout()).toBe('');
    expect(stderr()).toBe('');
    out.error({ code: 'X', message: 'broke', stack: 'stack', exitCode: ExitCode.FAILURE });
    expect(stderr()).toContain('error: broke [X]');
  });

  it('should print the stack only under --verbose', () => {
    const report = {
      code: 'X',
      message: 'broke',
      hint: 'fix it',
      stack: 'Error: broke\n    at here',
      exitCode: ExitCode.FAILURE,
    };
    const quiet = output();
    quiet.out.error(report);
    expect(quiet.stderr()).toBe('error: broke [X]\nhint: fix it\n');
    const verbose = output({ verbose: true });
    verbose.out.error(report);
    expect(verbose.stderr()).toContain('    at here');
  });

  it('should mask a registered secret in errors and notes', () => {
    const { out, stderr } = output();
    out.addSecret('hunter2');
    out.note('tried hunter2');
    out.error({ code: 'X', message: 'password hunter2 rejected', stack: '', exitCode: ExitCode.FAILURE });
    expect(stderr()).not.toContain('hunter2');
  });

  it('should colour only on a TTY', () => {
    const piped = output();
    piped.out.result({}, (c) => c.green('ok'));
    expect(piped.stdout()).toBe('ok\n');
    const tty = output({ stdout: Object.assign(new PassThrough(), { isTTY: true }) });
    expect(tty.out.colors.enabled).toBe(true);
  });
});

describe('shouldUseColor', () => {
  it('should honour --no-color, NO_COLOR and FORCE_COLOR', () => {
    expect(shouldUseColor({ isTTY: true }, {}, true)).toBe(true);
    expect(shouldUseColor({ isTTY: true }, {}, false)).toBe(false);
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: '1' }, true)).toBe(false);
    expect(shouldUseColor({ isTTY: false }, { FORCE_COLOR: '1' }, true)).toBe(true);
    expect(shouldUseColor({ isTTY: false }, {}, true)).toBe(false);
  });
});

describe('createProgress', () => {
  it('should print a line at most every interval on a pipe', () => {
    const { stream, read } = capture(false);
    let now = 0;
    const progress = createProgress({
      stream,
      label: 'backup',
      silent: false,
      intervalMs: 1000,
      now: () => now,
    });
    progress.update(1, 3, 'a');
    now = 500;
    progress.update(2, 3, 'b');
    now = 1500;
    progress.update(3, 3, 'c');
    progress.finish('done');
    expect(read()).toBe('backup: 1/3 a\nbackup: 3/3 c\nbackup: done\n');
  });

  it('should rewrite one line on a TTY', () => {
    const { stream, read } = capture(true);
    const progress = createProgress({ stream, label: 'restore', silent: false });
    progress.update(1, 2);
    progress.finish();
    expect(read()).toBe('\r\u001b[2Krestore: 1/2\r\u001b[2K');
  });
});

describe('describeError', () => {
  it('should map commander errors to USAGE with exit code 2', () => {
    const report = describeError(
      new CommanderError(1, 'commander.unknownCommand', "error: unknown command 'x'"),
    );
    expect(report).toMatchObject({ code: 'USAGE', exitCode: ExitCode.USAGE, message: "unknown command 'x'" });
  });

  it('should keep the dalkit code, prefer a hint from the error details, and give exit code 1', () => {
    const error = new ValidationError([{ path: 'dump', rule: 'checksum', message: 'bad' }], {
      message: 'bad\nsecond line',
      details: { hint: 'do this' },
    });
    expect(describeError(error)).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'bad',
      hint: 'do this',
      exitCode: 1,
    });
  });

  it('should treat a usage ValidationError as exit code 2', () => {
    const error = new ValidationError([], { message: 'bad flag', details: { usage: true } });
    expect(describeError(error).exitCode).toBe(ExitCode.USAGE);
  });

  it('should mask credentials in the message and the stack of any error', () => {
    const report = describeError(new Error('cannot reach postgres://app:s3cret@db/shop'), ['s3cret']);
    expect(report.code).toBe('INTERNAL');
    expect(report.message).toBe('cannot reach postgres://app:***@db/shop');
    expect(report.stack).not.toContain('s3cret');
  });
});

describe('redactText', () => {
  it('should mask URL passwords and password= parameters', () => {
    expect(redactText('a mysql://root:pw@h:3306/x b')).toBe('a mysql://root:***@h:3306/x b');
    expect(redactText('host=h password=abc user=u')).toBe('host=h password=*** user=u');
  });
});
