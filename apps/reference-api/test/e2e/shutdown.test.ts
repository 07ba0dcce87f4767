import { describeEachTarget } from '@dalkit/testing/vitest';
import pg from 'pg';
import { expect, it, vi } from 'vitest';
import { handleShutdownSignals } from '../../src/server.js';
import { call, unique, useTestServer } from '../support/test-server.js';

describeEachTarget(
  'graceful shutdown',
  (suite) => {
    const server = useTestServer(suite);

    it('should finish a request in flight, refuse new connections, close the pool and exit 0', async () => {
      const { url } = server();
      const user = await call(url, 'POST', '/users', {
        body: { name: 'S', email: `${unique('s')}@example.com` },
      });
      const product = await call(url, 'POST', '/products', {
        body: { sku: unique('SHUT').toUpperCase(), name: 'Locked', price: 1, stock: 5 },
      });
      // Another session holds the product row, so the order below waits inside its transaction.
      const holder = new pg.Client({ connectionString: suite.database.url });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM products WHERE id = $1 FOR UPDATE', [product.body.id]);
      const inFlight = call(url, 'POST', '/orders', {
        body: { userId: user.body.id, items: [{ productId: product.body.id, quantity: 2 }] },
      });
      await vi.waitFor(async () => {
        const rows = await holder.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        expect(rows.rows[0].n).toBeGreaterThan(0);
      });

      const exit = vi.fn();
      const remove = handleShutdownSignals(server(), { timeoutMs: 20_000, exit, signals: ['SIGUSR2'] });
      process.kill(process.pid, 'SIGUSR2');
      await vi.waitFor(async () => {
        await expect(fetch(`${url}/health/live`)).rejects.toThrow();
      });
      expect(exit).not.toHaveBeenCalled();

      await holder.query('COMMIT');
      await holder.end();
      const order = await inFlight;
      expect(order.status).toBe(201);
      await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0), { timeout: 10_000 });
      remove();
      await expect(server().db.query('SELECT 1')).rejects.toThrow();
      const check = new pg.Client({ connectionString: suite.database.url });
      await check.connect();
      const stock = await check.query('SELECT stock FROM products WHERE id = $1', [product.body.id]);
      await check.end();
      expect(stock.rows[0].stock).toBe(3);
    });
  },
  { targets: ['postgres'] },
);
