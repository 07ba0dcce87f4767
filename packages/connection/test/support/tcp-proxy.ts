import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** A port on 127.0.0.1 where nothing listens (bound, read, released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A TCP proxy listening on `port` that forwards every connection to `target`. */
export interface TcpProxy {
  /** How many client connections it accepted. */
  readonly accepted: number;
  close(): Promise<void>;
}

/** Starts forwarding 127.0.0.1:`port` to `target`. */
export async function startTcpProxy(port: number, target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((client) => {
    accepted++;
    const upstream = createConnection(target);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    get accepted() {
      return accepted;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A server that records the first bytes each client sends and answers with `reply`. */
export async function startRecordingServer(
  reply: Buffer,
): Promise<{ port: number; firsts: Buffer[]; close(): Promise<void> }> {
  const firsts: Buffer[] = [];
  const server = createServer((socket) => {
    socket.once('data', (data) => {
      firsts.push(data);
      socket.write(reply);
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    firsts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
