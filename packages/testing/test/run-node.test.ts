import { describe, expect, it } from 'vitest';
import { runNode } from '../src/index.js';

describe('runNode', () => {
  it('should collect stdout, stderr and the exit code, pipe input, and pass only the given environment', async () => {
    process.env.DALKIT_LEAK_CHECK = 'from the runner';
    const script =
      "process.stdin.on('data', (d) => process.stdout.write('in:' + d)); process.stdin.on('end', () => { console.error(process.env.GREETING, process.env.DALKIT_LEAK_CHECK ?? 'none'); process.exit(3); });";
    const run = await runNode(['-e', script], { env: { GREETING: 'hello' }, input: 'abc' });
    expect(run).toEqual({ code: 3, stdout: 'in:abc', stderr: 'hello none\n' });
    delete process.env.DALKIT_LEAK_CHECK;
  });
});
