const DEAD = Symbol('dalkit.deadConnection');

type Callback = (error: unknown, result?: unknown) => void;
interface PgClientLike {
  query: (...args: unknown[]) => unknown;
  connection?: { stream?: { destroyed?: boolean } };
  [DEAD]?: boolean;
}

/** SQLSTATEs after which the server has closed (or is closing) the session. */
function endsSession(error: unknown): boolean {
  const e = error as { code?: unknown; severity?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.severity === 'FATAL' || e.severity === 'PANIC') return true;
  const code = typeof e.code === 'string' ? e.code : '';
  return code.startsWith('57P') || code.startsWith('08') || code === 'ECONNRESET' || code === 'EPIPE';
}

/**
 * Marks a pg client dead the moment one of its queries fails with an error that ends the
 * session (e.g. `pg_terminate_backend`: 57P01, FATAL), before Sequelize hands it back to the
 * pool, so the next query, even one issued without yielding, gets a fresh connection.
 */
export function watchForDeadSession(client: PgClientLike): void {
  const original = client.query.bind(client);
  client.query = (...args: unknown[]) => {
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (error: unknown, result?: unknown) => {
        if (error && endsSession(error)) client[DEAD] = true;
        (last as Callback)(error, result);
      };
      return original(...args);
    }
    const result = original(...args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(undefined, (error: unknown) => {
        if (endsSession(error)) client[DEAD] = true;
      });
    }
    return result;
  };
}

/** False for a client marked by {@link watchForDeadSession} or whose socket is gone. */
export function isAlive(client: unknown): boolean {
  const c = client as PgClientLike;
  return c[DEAD] !== true && c.connection?.stream?.destroyed !== true;
}
