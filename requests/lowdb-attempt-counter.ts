import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { type Clock, systemClock } from '../bot/clock.js';
import { type AttemptCounter, type AttemptWindow, MAX_TRACKED_KEYS } from './attempt-counter.js';
import { RequestError } from './request-error.js';

export interface LowdbAttemptCounterOptions {
  /** The JSON file, e.g. `${dataDir}/attempts.json`. */
  readonly file: string;
  readonly clock?: Clock;
  /** Windows stored at once; past this the one with the fewest attempts is forgotten. Default 10,000. */
  readonly maxKeys?: number;
}

export interface LowdbAttemptCounter extends AttemptCounter {
  /** Keys currently stored (for tests of the bound). */
  readonly size: number;
  /** Waits for the write in progress; later hits reject with `store-closed`. */
  close(): Promise<void>;
}

interface Window {
  count: number;
  readonly resetsAt: number;
}

interface AttemptsFile {
  version: 1;
  /** SHA-256 digest of the key (base64url) -> its open window. */
  windows: Record<string, Window>;
}

/**
 * Rate-limit counts of the embedded default, in one lowdb file
 * (DATA_DIR/attempts.json), so a restart forgets no wrong staff token or
 * liaison code: stopping or crashing the pilot gives a guesser no fresh tries.
 *
 * - A hit that changes a count resolves once the file holds it (lowdb writes
 *   a temporary file and renames it over the old one; not fsynced, so it
 *   survives the process crashing, not a power cut). Hits arriving while a
 *   write is under way go out together in the next one. A failed write
 *   rejects the hit, so its caller refuses; the count stays in memory and
 *   goes out with the next write (counting errs toward refusing).
 * - An amount of 0 on a key with no open window stores and writes nothing. On
 *   an open window it is written like a count: a client over its limit cannot
 *   tell a right token from a wrong one by how long the refusal took.
 * - Keys are stored as SHA-256 digests (they name client addresses and phone
 *   numbers), never in clear. Closed windows are dropped from every write.
 * - At most `maxKeys` windows: when full, the one with the fewest attempts
 *   (the soonest to close among equals) is forgotten, so a flood of new keys
 *   pushes out its own single attempts, not the global liaison count or a
 *   guesser near their limit.
 *
 * One process per file, as for every lowdb store (DATA_DIR/.lock).
 */
export async function createLowdbAttemptCounter(
  options: LowdbAttemptCounterOptions,
): Promise<LowdbAttemptCounter> {
  await mkdir(dirname(options.file), { recursive: true });
  const adapter = new DataFile<AttemptsFile>(options.file, {
    parse: (text) => JSON.parse(text) as AttemptsFile,
    stringify: (data) => JSON.stringify(data),
  });
  const db = new Low<AttemptsFile>(adapter, { version: 1, windows: {} });
  try {
    await db.read();
  } catch (error) {
    throw new RequestError(
      'store-unreadable',
      `${options.file}: cannot read the attempt counts (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const windows = readWindows(db.data);
  if (windows === undefined) {
    throw new RequestError(
      'store-unreadable',
      `${options.file}: not an attempt-count file (version 1, windows)`,
    );
  }
  return new FileAttemptCounter(
    db,
    windows,
    options.clock ?? systemClock,
    options.maxKeys ?? MAX_TRACKED_KEYS,
  );
}

function readWindows(data: unknown): Map<string, Window> | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { version, windows } = data as Partial<AttemptsFile>;
  if (version !== 1 || typeof windows !== 'object' || windows === null || Array.isArray(windows)) {
    return undefined;
  }
  const out = new Map<string, Window>();
  for (const [key, window] of Object.entries(windows)) {
    const { count, resetsAt } = (window ?? {}) as Partial<Window>;
    if (!Number.isSafeInteger(count) || !Number.isSafeInteger(resetsAt)) return undefined;
    out.set(key, { count: count as number, resetsAt: resetsAt as number });
  }
  return out;
}

const digest = (key: string): string => createHash('sha256').update(key).digest('base64url');

class FileAttemptCounter implements LowdbAttemptCounter {
  /** The write under way (settled when none is). */
  private writing: Promise<void> = Promise.resolve();
  /** The next write, shared by every change made since `writing` took its snapshot. */
  private queued: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly db: Low<AttemptsFile>,
    private readonly windows: Map<string, Window>,
    private readonly clock: Clock,
    private readonly maxKeys: number,
  ) {}

  async hit(key: string, windowMs: number, amount: 0 | 1 = 1): Promise<AttemptWindow> {
    this.assertOpen();
    const now = this.clock().getTime();
    const id = digest(key);
    let window = this.windows.get(id);
    if (window !== undefined && now >= window.resetsAt) {
      this.windows.delete(id);
      window = undefined;
    }
    if (window === undefined) {
      if (amount === 0) return { count: 0, resetsAt: now + windowMs };
      this.makeRoom(now);
      window = { count: 0, resetsAt: now + windowMs };
      this.windows.set(id, window);
    }
    window.count += amount;
    const result = { count: window.count, resetsAt: window.resetsAt };
    await this.persist();
    return result;
  }

  async reset(key: string): Promise<void> {
    this.assertOpen();
    if (this.windows.delete(digest(key))) await this.persist();
  }

  get size(): number {
    return this.windows.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    await (this.queued ?? this.writing).catch(() => undefined);
  }

  private assertOpen(): void {
    if (this.closed) throw new RequestError('store-closed', 'the attempt counts are closed');
  }

  /** Drops closed windows; when still full, the window with the fewest attempts, the soonest to close among equals. */
  private makeRoom(now: number): void {
    this.sweep(now);
    if (this.windows.size < this.maxKeys) return;
    let victim: [string, Window] | undefined;
    for (const entry of this.windows) {
      const [, w] = entry;
      if (
        victim === undefined ||
        w.count < victim[1].count ||
        (w.count === victim[1].count && w.resetsAt < victim[1].resetsAt)
      ) {
        victim = entry;
      }
    }
    if (victim !== undefined) this.windows.delete(victim[0]);
  }

  private sweep(now: number): void {
    for (const [id, window] of this.windows) if (now >= window.resetsAt) this.windows.delete(id);
  }

  /** Resolves once a write taken after this call's changes is on disk: one write in progress at a time, the next shared. */
  private persist(): Promise<void> {
    this.queued ??= this.writing
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        this.sweep(this.clock().getTime());
        const windows: Record<string, Window> = {};
        for (const [id, { count, resetsAt }] of this.windows) windows[id] = { count, resetsAt };
        this.db.data = { version: 1, windows };
        this.writing = this.db.write();
        return this.writing;
      });
    return this.queued;
  }
}
