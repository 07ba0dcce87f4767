import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ErrorCode } from '../errors/codes.js';
import { ConnectionError } from '../errors/errors.js';
import { lockDataDir } from './data-dir-lock.js';

/** Options for {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** A folder to keep the data in; omitted or `'memory'` keeps it in memory. */
  dataDir?: string;
  /** A data-directory tarball (from `dumpDataDir()`) to start from instead of running initdb. */
  loadDataDir?: Blob;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
}

/** A running embedded PostgreSQL (PGlite) reachable over TCP by the normal `pg` driver. */
export interface EmbeddedPostgres {
  /** `postgres://postgres:postgres@127.0.0.1:<port>/postgres` */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Where the data lives: a resolved folder path, or `'memory'`. */
  readonly dataDir: string;
  /** PGlite serves one connection at a time; a pool must not exceed this. */
  readonly maxConnections: 1;
  /** The data directory as a tarball, to start other instances from it quickly. */
  dumpDataDir(): Promise<Blob>;
  /** Stops listening and closes the database. Idempotent. */
  close(): Promise<void>;
}

async function loadPglite() {
  try {
    const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite-socket'),
    ]);
    return { PGlite, PGLiteSocketServer };
  } catch (cause) {
    throw new ConnectionError(
      'The embedded PostgreSQL needs two packages: run `pnpm add @electric-sql/pglite@^0.5.14 @electric-sql/pglite-socket@^0.2.17` (or npm/yarn equivalent)',
      { code: ErrorCode.DRIVER_MISSING, cause },
    );
  }
}

/**
 * Starts PGlite (PostgreSQL compiled to WebAssembly) in this process and serves it on a local
 * TCP port, so Sequelize's postgres dialect and `pg` talk to it unchanged. It serves one
 * connection at a time: use a pool of max 1. A data folder is claimed with `<dataDir>.lock`
 * until `close()`: a second process (or handle) on the same folder gets a ConnectionError
 * naming the holder instead of corrupting the data.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  if (options.dataDir === undefined || options.dataDir === 'memory') {
    return serve(options, 'memory', async () => {});
  }
  const dataDir = resolve(options.dataDir);
  await mkdir(dirname(dataDir), { recursive: true });
  const lock = await lockDataDir(dataDir);
  return serve(options, dataDir, lock.release).catch(async (error: unknown) => {
    await lock.release();
    throw error;
  });
}

/** PGlite on `dataDir` (or in memory) behind a socket server; `release` runs after it closed. */
async function serve(
  options: EmbeddedPostgresOptions,
  dataDir: string,
  release: () => Promise<void>,
): Promise<EmbeddedPostgres> {
  const { PGlite, PGLiteSocketServer } = await loadPglite();
  const db = await PGlite.create({
    ...(dataDir === 'memory' ? {} : { dataDir }),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const host = options.host ?? '127.0.0.1';
  const server = new PGLiteSocketServer({ db, host, port: options.port ?? 0, maxConnections: 1 });
  try {
    await server.start();
  } catch (cause) {
    await db.close();
    throw new ConnectionError(`The embedded PostgreSQL could not listen on ${host}:${options.port ?? 0}`, {
      cause,
    });
  }
  const port = Number(server.getServerConn().split(':').pop());
  let closing: Promise<void> | undefined;
  return {
    url: `postgres://postgres:postgres@${host}:${port}/postgres`,
    host,
    port,
    dataDir,
    maxConnections: 1,
    dumpDataDir: () => db.dumpDataDir('none'),
    close() {
      closing ??= (async () => {
        await server.stop();
        await db.close();
        await release();
      })();
      return closing;
    },
  };
}
