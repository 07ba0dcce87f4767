import { describeEachTarget } from '@dalkit/testing/vitest';
import { QueryTypes } from 'sequelize';
import { expect, it } from 'vitest';
import { createDatabase, silentLogger } from '../../src/index.js';
import { freePort, startTcpProxy } from '../support/tcp-proxy.js';

describeEachTarget(
  'read replicas',
  (suite) => {
    it('should send model reads outside a transaction to a replica, and writes, transactions and db.query to the primary', async () => {
      // The "replica" is a TCP proxy in front of the same database, so we can count who used it.
      const primary = new URL(suite.database.url);
      const port = await freePort();
      const proxy = await startTcpProxy(port, { host: primary.hostname, port: Number(primary.port) });
      const replica = new URL(suite.database.url);
      replica.port = String(port);
      const db = createDatabase(
        { url: suite.database.url, replicas: [replica.toString()], pool: { max: 2, min: 0 } },
        { logger: silentLogger, env: false },
      );
      try {
        await db.query('CREATE TABLE replica_notes (body varchar(20) NOT NULL)');
        await db.query('INSERT INTO replica_notes (body) VALUES ($1)', { bind: ['written'] });
        await db.transaction(async (tx) => {
          await db.sequelize.query('SELECT body FROM replica_notes', {
            type: QueryTypes.SELECT,
            transaction: tx,
          });
        });
        expect(proxy.accepted).toBe(0);
        const rows = await db.sequelize.query('SELECT body FROM replica_notes', { type: QueryTypes.SELECT });
        expect(rows).toEqual([{ body: 'written' }]);
        expect(proxy.accepted).toBe(1);
        const health = await db.health();
        expect(health.ok).toBe(true);
        expect(health.readPool).toMatchObject({ size: 1, max: 2 });
        expect(health.pool.size).toBeGreaterThanOrEqual(1);
      } finally {
        await db.close();
        await proxy.close();
      }
    });
  },
  { targets: ['postgres', 'mariadb'] },
);
