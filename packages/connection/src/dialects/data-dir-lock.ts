import { randomUUID } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { mkdir, open, readFile, rmdir, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { ConnectionError } from '../errors/errors.js';

/** This process's claim on an embedded data folder. */
export interface DataDirLock {
  /** Deletes the lock file (if it is still this process's). Idempotent. */
  release(): Promise<void>;
}

interface Owner {
  pid: number;
  host: string;
  /** Tells this process from an earlier one that had the same pid (containers reuse pid 1). */
  instance: string;
}

const INSTANCE = randomUUID();

/** A lock file younger than this with no readable owner is still being written. */
const UNREADABLE_GRACE_MS = 5_000;
/** A takeover guard older than this was left by a process that died while holding it. */
const GUARD_STALE_MS = 10_000;
const RETRY_MS = 100;

const pause = () => new Promise((resolve) => setTimeout(resolve, RETRY_MS));

const held = new Set<string>();
let exitHookInstalled = false;

/** Deletes the lock files this process still holds when it exits without closing its handles. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const path of held) {
      if (ownedByThisProcess(readOwnerSync(path))) unlinkQuietly(path);
    }
  });
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

function parseOwner(text: string): Owner | undefined {
  try {
    const owner = JSON.parse(text) as Partial<Owner>;
    return Number.isSafeInteger(owner.pid) &&
      typeof owner.host === 'string' &&
      typeof owner.instance === 'string'
      ? { pid: owner.pid as number, host: owner.host, instance: owner.instance }
      : undefined;
  } catch {
    return undefined;
  }
}

function readOwnerSync(path: string): Owner | undefined {
  try {
    return parseOwner(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function ownedByThisProcess(owner: Owner | undefined): boolean {
  return owner?.instance === INSTANCE;
}

/**
 * True when the owner may still run: on another machine (cannot be checked), or a process with
 * its id runs here (EPERM: as another user) and is not this process, which would have its
 * instance id.
 */
function ownerMayRun(owner: Owner): boolean {
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes the lock file if no other exists; false when one does. */
async function create(path: string): Promise<boolean> {
  try {
    const file = await open(path, 'wx');
    try {
      await file.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), instance: INSTANCE }));
    } finally {
      await file.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function inUse(dataDir: string, path: string, owner: Owner): ConnectionError {
  const where = owner.host === hostname() ? `process ${owner.pid}` : `process ${owner.pid} on ${owner.host}`;
  const self = ownedByThisProcess(owner) ? ' (this process: close the other handle first)' : '';
  return new ConnectionError(
    `The embedded database folder ${dataDir} is in use by ${where}${self}. ` +
      `PGlite serves one process at a time, and two would corrupt it: stop the other one, or, if it is not running, delete ${path}`,
    { details: { dataDir, lockFile: path, pid: owner.pid, host: owner.host } },
  );
}

/** Milliseconds since the file was last modified; 0 when it is gone. */
function ageOf(path: string): Promise<number> {
  return stat(path).then(
    (s) => Date.now() - s.mtimeMs,
    () => 0,
  );
}

/**
 * Deletes the lock file if it still holds `seen`, under a guard directory so that no two
 * processes take over at once (neither can then delete the fresh lock of the other).
 */
async function takeOver(path: string, seen: string): Promise<void> {
  const guard = `${path}.takeover`;
  try {
    await mkdir(guard);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if ((await ageOf(guard)) > GUARD_STALE_MS) await rmdir(guard).catch(() => undefined);
    else await pause();
    return;
  }
  try {
    const now = await readFile(path, 'utf8').catch(() => undefined);
    if (now === seen) await unlink(path);
  } finally {
    await rmdir(guard).catch(() => undefined);
  }
}

/**
 * Claims an embedded data folder for this process with `<dataDir>.lock` (created exclusively,
 * holding the pid and host name). A lock whose process no longer runs on this machine is taken
 * over; a live one, here or elsewhere, is a {@link ConnectionError} that names the process and
 * the file. The lock is deleted on `release()` or when the process exits.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const path = `${dataDir}.lock`;
  while (!(await create(path))) {
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) continue; // deleted meanwhile: try again
    const owner = parseOwner(text);
    if (owner === undefined) {
      // Being written right now, or left half-written by a crash.
      if ((await ageOf(path)) < UNREADABLE_GRACE_MS) await pause();
      else await takeOver(path, text);
    } else if (ownedByThisProcess(owner) || ownerMayRun(owner)) {
      throw inUse(dataDir, path, owner);
    } else {
      await takeOver(path, text);
    }
  }
  held.add(path);
  installExitHook();
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      held.delete(path);
      const owner = parseOwner(await readFile(path, 'utf8').catch(() => ''));
      if (ownedByThisProcess(owner)) await unlink(path).catch(() => undefined);
    },
  };
}
