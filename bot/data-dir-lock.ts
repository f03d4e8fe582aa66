import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';

/**
 * One process per data folder. The lowdb stores keep their files in memory and
 * rewrite them whole, so two servers on one DATA_DIR silently overwrite each
 * other's records. `DATA_DIR/.lock` is created atomically (open with `wx`) and
 * holds who owns the folder; a second server finds it and refuses to start. A
 * lock whose process is gone (its pid is not alive on this host) is taken over.
 */
export const LOCK_FILE_NAME = '.lock';

/** What the lock file holds. */
export interface LockHolder {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
}

/** The folder is held by a live process (or by one on another host, which cannot be checked). */
export class DataDirLockedError extends Error {
  readonly code = 'data-dir-locked';
  constructor(
    /** The lock file. */
    readonly file: string,
    /** Who holds it; undefined when the file is not a lock this bot wrote. */
    readonly holder: LockHolder | undefined,
  ) {
    super(
      holder === undefined
        ? `${file} exists but is not a lock this bot wrote; remove it if no server uses this DATA_DIR`
        : `DATA_DIR is in use: ${file} is held by pid ${holder.pid} on host ${holder.hostname}; ` +
            'one DATA_DIR serves one process (stop that server, or remove the file if it is gone)',
    );
    this.name = 'DataDirLockedError';
  }
}

/** A held lock. */
export interface DataDirLock {
  readonly file: string;
  /** The dead process's lock this one replaced, if any (worth a log line). */
  readonly tookOver?: LockHolder;
  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): Promise<void>;
}

export interface DataDirLockOptions {
  readonly clock?: Clock;
  /** Seams for tests; the real process by default. */
  readonly pid?: number;
  readonly hostname?: string;
  readonly isAlive?: (pid: number) => boolean;
}

/** Lock files this process holds: a second app in the same process is refused too. */
const heldHere = new Set<string>();

/**
 * Takes `dataDir`'s lock (creating the folder if needed). Throws
 * `DataDirLockedError` when a live process holds it; takes over the lock of a
 * process that is gone.
 */
export async function acquireDataDirLock(
  dataDir: string,
  options: DataDirLockOptions = {},
): Promise<DataDirLock> {
  const file = join(resolve(dataDir), LOCK_FILE_NAME);
  const me: LockHolder = {
    pid: options.pid ?? process.pid,
    hostname: options.hostname ?? osHostname(),
    startedAt: (options.clock ?? systemClock)().toISOString(),
  };
  const isAlive = options.isAlive ?? processIsAlive;
  const content = `${JSON.stringify(me)}\n`;
  await mkdir(dataDir, { recursive: true });

  const isStale = (holder: LockHolder | undefined): holder is LockHolder =>
    holder !== undefined &&
    holder.hostname === me.hostname &&
    !heldHere.has(file) &&
    // Our own pid in a lock this process never took: a previous run (a restarted container).
    (holder.pid === me.pid || !isAlive(holder.pid));

  let tookOver: LockHolder | undefined;
  let holder: LockHolder | undefined;
  // Create; or find a stale lock, remove it and create again; a lock that vanishes meanwhile is retried.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, content, { flag: 'wx' });
      heldHere.add(file);
      return heldLock(file, content, tookOver);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const existing = await readFile(file, 'utf8').catch(() => undefined);
    if (existing === undefined) continue;
    holder = parseHolder(existing);
    if (tookOver !== undefined || !isStale(holder)) break;
    // Remove it only if it is still the stale lock we read (another starter may have replaced it).
    if ((await readFile(file, 'utf8').catch(() => undefined)) === existing) {
      await unlink(file).catch(() => undefined);
    }
    tookOver = holder;
  }
  throw new DataDirLockedError(file, holder);
}

function heldLock(file: string, content: string, tookOver: LockHolder | undefined): DataDirLock {
  let released = false;
  return {
    file,
    ...(tookOver === undefined ? {} : { tookOver }),
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(file);
      const now = await readFile(file, 'utf8').catch(() => undefined);
      if (now === content) await unlink(file).catch(() => undefined);
    },
  };
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder> | null;
    if (
      typeof value?.pid === 'number' &&
      Number.isInteger(value.pid) &&
      value.pid > 0 &&
      typeof value.hostname === 'string' &&
      typeof value.startedAt === 'string'
    ) {
      return { pid: value.pid, hostname: value.hostname, startedAt: value.startedAt };
    }
  } catch {
    // not JSON: not ours
  }
  return undefined;
}

/** Signal 0 checks that a process exists; EPERM means it exists but belongs to someone else. */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
