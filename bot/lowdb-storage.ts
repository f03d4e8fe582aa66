import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { Low, Memory } from 'lowdb';
import { type Clock, systemClock } from './clock.js';
import { type Logger, silentLogger } from './logger.js';
import { type Entry, type Items, StateFile } from './lowdb-state-file.js';

/**
 * Bot state (conversation and user state) as a botbuilder `Storage` over lowdb.
 *
 * - eTags as botbuilder's Storage contract describes: a write carrying a stale
 *   eTag fails with `StorageError` code `ETAG_CONFLICT`; '*' or no eTag
 *   overwrites; every write stores a new eTag.
 * - Each item is held as its JSON text (what `read` parses, what the file
 *   holds): a few hundred bytes a conversation instead of an object graph,
 *   and reads return fresh copies by construction.
 * - An item with nothing in it (e.g. `{ dialogState: { dialogStack: [] } }`
 *   once a dialog has ended) is not kept: reading it back as absent is the same
 *   to botbuilder.
 * - Changes land in memory at once and are flushed together at most
 *   `flushDelayMs` later (bot/state-file.ts writes the file in small chunks);
 *   `flush()` and `close()` wait for the file.
 * - Conversation state idle longer than `idleMs` is dropped (on read and by a
 *   periodic sweep), so neither memory nor the file grows without bound.
 */
export class StorageError extends Error {
  constructor(
    readonly code: 'ETAG_CONFLICT' | 'UNREADABLE' | 'CLOSED',
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

export interface LowdbStorageOptions {
  /** The JSON file; omit for an in-memory store (tests, the `ask` tool). */
  readonly file?: string;
  /** Entries idle longer than this are dropped; omit to keep everything. */
  readonly idleMs?: number;
  /** Which keys expire; default: conversation state (`<channel>/conversations/<id>`). */
  readonly expires?: (key: string) => boolean;
  /** Longest a change waits in memory before the file is written. */
  readonly flushDelayMs?: number;
  readonly sweepEveryMs?: number;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

export const isConversationKey = (key: string): boolean => key.includes('/conversations/');

/** True for undefined, null, and objects or arrays holding only such (recursively). */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'object') return false;
  return Object.values(value).every(isEmpty);
}

/** An item with nothing to remember apart from its eTag. */
export function isEmptyItem(item: StoreItem): boolean {
  for (const [name, value] of Object.entries(item)) if (name !== 'eTag' && !isEmpty(value)) return false;
  return true;
}

export class LowdbStorage implements Storage {
  private readonly db: Low<Items>;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly expires: (key: string) => boolean;
  private readonly etagPrefix = randomBytes(4).toString('hex');
  private etagCounter = 0;
  private timer: NodeJS.Timeout | undefined;
  private sweeper: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  private closed = false;
  /** Callers of `settled()` waiting for the flush that will write the changes made so far. */
  private waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];

  private constructor(
    private readonly options: LowdbStorageOptions,
    db: Low<Items>,
  ) {
    this.db = db;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.expires = options.expires ?? isConversationKey;
  }

  /** Opens (creating if needed) the store and starts the idle sweep. */
  static async open(options: LowdbStorageOptions = {}): Promise<LowdbStorage> {
    let db: Low<Items>;
    if (options.file) {
      await mkdir(dirname(options.file), { recursive: true });
      db = new Low<Items>(new StateFile(options.file), new Map());
      try {
        await db.read();
      } catch (error) {
        throw new StorageError('UNREADABLE', `${options.file}: not a readable state file (${String(error)})`);
      }
    } else {
      db = new Low<Items>(new Memory<Items>(), new Map());
    }
    const storage = new LowdbStorage(options, db);
    storage.sweep();
    const every = options.sweepEveryMs ?? Math.min(options.idleMs ?? 60_000, 5 * 60_000);
    if (options.idleMs !== undefined) {
      storage.sweeper = setInterval(() => storage.sweep(), every);
      storage.sweeper.unref();
    }
    return storage;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    const now = this.clock().getTime();
    for (const key of keys) {
      const entry = this.db.data.get(key);
      if (!entry) continue;
      if (this.isIdle(key, entry, now)) {
        this.remove(key);
        continue;
      }
      items[key] = JSON.parse(entry.json) as StoreItem;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    this.assertOpen();
    const now = this.clock().getTime();
    const items = this.db.data;
    // Check every eTag first, so a conflicting batch changes nothing.
    for (const [key, item] of Object.entries(changes) as [string, StoreItem][]) {
      const wanted = item?.eTag;
      if (wanted === undefined || wanted === '*') continue;
      const current = items.get(key);
      if (current && !this.isIdle(key, current, now) && current.eTag !== wanted) {
        throw new StorageError(
          'ETAG_CONFLICT',
          `Storage: "${key}" was changed by someone else (eTag conflict)`,
        );
      }
    }
    for (const [key, item] of Object.entries(changes) as [string, StoreItem][]) {
      if (isEmptyItem(item ?? {})) {
        this.remove(key);
        continue;
      }
      const eTag = this.nextEtag();
      items.set(key, { json: JSON.stringify({ ...item, eTag }), eTag, touchedAt: now });
      this.markDirty();
    }
  }

  async delete(keys: string[]): Promise<void> {
    this.assertOpen();
    for (const key of keys) this.remove(key);
  }

  /** Drops idle entries; returns how many went. */
  sweep(): number {
    const now = this.clock().getTime();
    let dropped = 0;
    for (const [key, entry] of this.db.data) {
      if (this.isIdle(key, entry, now)) {
        this.remove(key);
        dropped += 1;
      }
    }
    if (dropped > 0) this.logger.debug('state sweep', { dropped });
    return dropped;
  }

  /** Number of stored entries (for tests and metrics). */
  get size(): number {
    return this.db.data.size;
  }

  /** Writes pending changes to the file and waits for it. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.dirty) {
      this.dirty = false;
      const waiting = this.waiting.splice(0);
      this.writing = this.writing.then(
        () => this.db.write(),
        () => this.db.write(),
      );
      this.writing.then(
        () => {
          for (const w of waiting) w.resolve();
        },
        (error: unknown) => {
          for (const w of waiting) w.reject(error);
        },
      );
    }
    try {
      await this.writing;
    } catch (error) {
      this.dirty = true;
      throw error;
    }
  }

  /**
   * Resolves once every change made so far is in the file, without writing
   * early: changes of many turns go out in one scheduled flush (the inbox marks
   * a message done only after this).
   */
  settled(): Promise<void> {
    if (!this.options.file) return Promise.resolve();
    if (!this.dirty) return this.writing;
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
    });
  }

  /** Flushes and stops the sweep; later writes fail. */
  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    await this.flush();
    this.closed = true;
  }

  private isIdle(key: string, entry: Entry, now: number): boolean {
    const idleMs = this.options.idleMs;
    return idleMs !== undefined && this.expires(key) && now - entry.touchedAt > idleMs;
  }

  private remove(key: string): void {
    if (this.db.data.delete(key)) this.markDirty();
  }

  private nextEtag(): string {
    this.etagCounter += 1;
    return `${this.etagPrefix}-${this.etagCounter.toString(36)}`;
  }

  private markDirty(): void {
    this.dirty = true;
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((error: unknown) => this.logger.error('state flush failed', { error }));
    }, this.options.flushDelayMs ?? 100);
    this.timer.unref();
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageError('CLOSED', 'Storage: the state store is closed');
  }
}
