import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError, createDatabase, silentLogger } from '../../src/index.js';
import { startRecordingServer } from '../support/tcp-proxy.js';

const SSL_REQUEST_CODE = 80877103;
const PROTOCOL_3 = 196608;

describe('sslmode reaches the postgres driver', () => {
  let server: Awaited<ReturnType<typeof startRecordingServer>>;
  let ca: string;
  beforeAll(async () => {
    // Answers "N" (no TLS) to whatever the client sends first, and records it.
    server = await startRecordingServer(Buffer.from('N'));
    ca = join(await mkdtemp(join(tmpdir(), 'dalkit-ssl-')), 'ca.pem');
    await writeFile(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  });
  afterAll(() => server.close());

  async function firstMessage(query: string): Promise<{ length: number; code: number }> {
    const before = server.firsts.length;
    const db = createDatabase(
      {
        url: `postgres://app:pw@127.0.0.1:${server.port}/db${query}`,
        retry: { maxAttempts: 1 },
        connectTimeoutMs: 2_000,
      },
      { logger: silentLogger, env: false },
    );
    await db.connect().catch(() => undefined);
    await db.close();
    const data = server.firsts[before];
    if (!data) throw new Error('the driver sent nothing');
    return { length: data.readInt32BE(0), code: data.readInt32BE(4) };
  }

  it.each(['require', 'verify-ca', 'verify-full'])(
    'should open with an SSLRequest for sslmode=%s',
    async (mode) => {
      expect(await firstMessage(`?sslmode=${mode}&sslrootcert=${encodeURIComponent(ca)}`)).toEqual({
        length: 8,
        code: SSL_REQUEST_CODE,
      });
    },
  );

  it('should start in plain text for sslmode=disable', async () => {
    expect((await firstMessage('?sslmode=disable')).code).toBe(PROTOCOL_3);
  });

  it('should hand the CA and verification settings to the driver', () => {
    const db = createDatabase(
      { url: `postgres://h/db?sslmode=verify-full&sslrootcert=${encodeURIComponent(ca)}` },
      { logger: silentLogger, env: false },
    );
    const dialectOptions = (
      db.sequelize as unknown as { config: { dialectOptions: { ssl: Record<string, unknown> } } }
    ).config.dialectOptions;
    expect(dialectOptions.ssl).toMatchObject({
      rejectUnauthorized: true,
      ca: expect.stringContaining('BEGIN CERTIFICATE'),
    });
    return db.close();
  });
});

describeEachTarget('sslmode=require against a server without TLS', (suite) => {
  it('should fail at once with a ConnectionError that explains it', async () => {
    const url = new URL(suite.database.url);
    url.searchParams.set('sslmode', 'require');
    const db = createDatabase(
      { url: url.toString(), retry: { maxAttempts: 5 } },
      { logger: silentLogger, env: false },
    );
    const error = (await db.connect().catch((e: unknown) => e)) as ConnectionError;
    await db.close();
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.details).toMatchObject({ attempts: 1, reason: 'not retryable' });
    expect(error.message).toContain(
      suite.target === 'mariadb'
        ? 'Server does not support secure connection'
        : 'The server does not support SSL connections',
    );
    expect(error.message).toContain('TLS was required (sslmode) but the server does not offer it');
  });
});
