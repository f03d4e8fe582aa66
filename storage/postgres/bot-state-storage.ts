import { randomBytes } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { type Clock, systemClock } from '../../bot/clock.js';
import { type Logger, silentLogger } from '../../bot/logger.js';
import { isConversationKey, isEmptyItem, StorageError } from '../../bot/lowdb-storage.js';
import type { Database, Queryable } from './database.js';
import { jsonbText, pgText } from './pg-text.js';

/**
 * Bot state (conversation and user state) as a botbuilder `Storage` over
 * PostgreSQL (table `bot_state`, migration 003): the same contract as
 * LowdbStorage, for several instances sharing one database.
 *
 * - eTags: every write stores a new random eTag. A write carrying another
 *   eTag than the stored one fails with `StorageError` `ETAG_CONFLICT` and
 *   changes nothing ('*' or no eTag overwrites). The check and the write are
 *   one statement (`INSERT ... ON CONFLICT DO UPDATE ... WHERE etag = $wanted`),
 *   which takes the row's lock and checks its latest version, so of two
 *   instances writing one conversation with the eTag they both read, one wins
 *   and the other gets the conflict: no update is lost. A batch of several
 *   items is one transaction (a conflict anywhere writes none of it).
 * - An item with nothing in it is deleted rather than kept, as LowdbStorage does.
 * - Conversation state idle longer than `idleMs` reads as absent, can be
 *   written afresh whatever eTag the writer holds, and is deleted by a sweep
 *   (at open, then every `sweepEveryMs`). User state is kept.
 * - Nothing is held in memory: every read is a query.
 */
export interface PostgresStateStorageOptions {
  /** Entries idle longer than this are dropped; omit to keep everything. */
  readonly idleMs?: number;
  /** Which keys expire; default: conversation state (`<channel>/conversations/<id>`). */
  readonly expires?: (key: string) => boolean;
  readonly sweepEveryMs?: number;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/** Rows one sweep statement deletes at most, so it never holds many locks for long. */
const SWEEP_BATCH = 1_000;

interface Row {
  key: string;
  value: Record<string, unknown>;
  etag: string;
}

export class PostgresStateStorage implements Storage {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly expires: (key: string) => boolean;
  private sweeper: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;
  private closed = false;

  private constructor(
    private readonly db: Database,
    private readonly options: PostgresStateStorageOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.expires = options.expires ?? isConversationKey;
  }

  /** A store over a migrated database; sweeps idle state now and then periodically. */
  static async open(db: Database, options: PostgresStateStorageOptions = {}): Promise<PostgresStateStorage> {
    const storage = new PostgresStateStorage(db, options);
    if (options.idleMs !== undefined) {
      await storage.sweep();
      const every = options.sweepEveryMs ?? Math.min(options.idleMs, 5 * 60_000);
      storage.sweeper = setInterval(() => {
        storage.sweep().catch((error: unknown) => storage.logger.error('state sweep failed', { error }));
      }, every);
      storage.sweeper.unref();
    }
    return storage;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const { rows } = await this.db.query<Row>(
      `SELECT key, value, etag FROM bot_state
        WHERE key = ANY($1::text[]) AND NOT (expires AND updated_at < $2)`,
      [keys.map(pgText), this.idleCutoff()],
    );
    for (const row of rows) items[row.key] = { ...row.value, eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    this.assertOpen();
    const entries = Object.entries(changes) as [string, StoreItem | undefined][];
    const [only] = entries;
    if (entries.length === 1 && only && !isEmptyItem(only[1] ?? {})) {
      // The common case (one state per save): one statement, atomic by itself.
      await this.writeOne(this.db, only[0], only[1] ?? {});
      return;
    }
    if (entries.length === 0) return;
    await this.db.transaction(async (client) => {
      for (const [key, item] of entries) await this.writeOne(client, key, item ?? {});
    });
  }

  async delete(keys: string[]): Promise<void> {
    this.assertOpen();
    if (keys.length === 0) return;
    await this.db.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [keys.map(pgText)]);
  }

  /** Deletes idle entries (in batches); returns how many went. */
  sweep(): Promise<number> {
    this.sweeping ??= this.sweepAll().finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  /** Stops the sweep; later writes fail. The pool is the composition root's to close. */
  /** Every write resolves once committed: nothing is ever waiting to be made durable. */
  async settled(): Promise<void> {}

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    this.closed = true;
    await this.sweeping?.catch(() => undefined);
  }

  /** Writes or deletes one item, refusing it when the stored eTag is another live one. */
  private async writeOne(client: Queryable, key: string, item: StoreItem): Promise<void> {
    const wanted = item.eTag === undefined || item.eTag === '*' ? null : String(item.eTag);
    const cutoff = this.idleCutoff();
    if (isEmptyItem(item)) {
      // Deleted, then checked: a conflict throws and the caller's transaction puts it back.
      const { rows } = await client.query<{ etag: string; idle: boolean }>(
        `DELETE FROM bot_state WHERE key = $1
         RETURNING etag, (expires AND updated_at < $2) AS idle`,
        [pgText(key), cutoff],
      );
      const gone = rows[0];
      if (wanted !== null && gone && !gone.idle && gone.etag !== wanted) throw conflict(key);
      return;
    }
    const { eTag: _old, ...value } = item;
    const { rowCount } = await client.query(
      `INSERT INTO bot_state AS s (key, value, etag, expires, updated_at)
       VALUES ($1, $2::jsonb, $3, $4, $5)
       ON CONFLICT (key) DO UPDATE
         SET value = EXCLUDED.value, etag = EXCLUDED.etag, expires = EXCLUDED.expires,
             updated_at = EXCLUDED.updated_at
         WHERE $6::text IS NULL OR s.etag = $6 OR (s.expires AND s.updated_at < $7)`,
      [pgText(key), jsonbText(value), newEtag(), this.expires(key), this.clock(), wanted, cutoff],
    );
    if (rowCount === 0) throw conflict(key);
  }

  private async sweepAll(): Promise<number> {
    if (this.options.idleMs === undefined) return 0;
    const cutoff = this.idleCutoff();
    let dropped = 0;
    for (;;) {
      // SKIP LOCKED: a row being written now is not idle, and two instances sweeping never wait on each other.
      const { rowCount } = await this.db.query(
        `DELETE FROM bot_state WHERE key IN (
           SELECT key FROM bot_state WHERE expires AND updated_at < $1
            LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED)`,
        [cutoff],
      );
      dropped += rowCount ?? 0;
      if ((rowCount ?? 0) < SWEEP_BATCH) break;
    }
    if (dropped > 0) this.logger.debug('state sweep', { dropped });
    return dropped;
  }

  /** Entries of expiring keys last written before this are idle; the epoch when nothing expires. */
  private idleCutoff(): Date {
    const idleMs = this.options.idleMs;
    return new Date(idleMs === undefined ? 0 : this.clock().getTime() - idleMs);
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageError('CLOSED', 'Storage: the state store is closed');
  }
}

function conflict(key: string): StorageError {
  return new StorageError('ETAG_CONFLICT', `Storage: "${key}" was changed by someone else (eTag conflict)`);
}

/** Random, so eTags made by different instances never coincide. */
function newEtag(): string {
  return randomBytes(12).toString('base64url');
}
