/**
 * Where to reach people later: the conversation reference of each
 * conversation, recorded every turn by a middleware, read by the notifier to
 * send status notices through the channel the person used. A JSON file under
 * DATA_DIR (conversations.json) is the embedded default:
 * `{"version":1,"conversations":{"<channel>:<id>":{"reference":{...},"updatedAt":"<ISO>"},...}}`,
 * one conversation a line (files written by earlier versions, indented, read too).
 *
 * lowdb's JSON adapter stringified every reference on every save - one new
 * conversation cost O(all conversations), and 10,000 new conversations took
 * the server past 2 GB of memory. Here a save changes one entry in memory;
 * saves arriving while the file is being written share the next write, which
 * streams the entries to a temporary file in chunks and renames it over the
 * old one (a crash mid-write leaves the last complete file). A save resolves
 * once a write that includes it is on disk. References unused for longer than
 * the retention time are dropped (on open and as writes go by).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ConversationReference, MiddlewareHandler } from 'botbuilder';
import { ActivityTypes, TurnContext } from 'botbuilder';
import { identityOf } from '../dialogs/identity.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { type Logger, silentLogger } from './logger.js';
import { writeStreamedJson } from './streamed-json-file.js';

export type StoredReference = Partial<ConversationReference>;

export interface ConversationStore {
  /** Stores the reference; resolves after it is durably written (a no-op when unchanged). */
  save(reference: StoredReference): Promise<void>;
  get(channel: string, conversationId: string): Promise<StoredReference | undefined>;
  /** The most recently used conversation of a user on a channel. */
  findByUser(channel: string, userId: string): Promise<StoredReference | undefined>;
  /** Waits for pending writes (shutdown, tests). */
  close(): Promise<void>;
}

export interface ConversationStoreOptions {
  readonly clock?: Clock;
  /** References not used for this long are dropped (default DEFAULT_RETENTION_DAYS). */
  readonly retentionDays?: number;
  readonly logger?: Logger;
}

/** A request can stay open for months; a year covers every time frame in the catalog. */
export const DEFAULT_RETENTION_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Expired entries are looked for at most this often while writes go by. */
const SWEEP_EVERY_MS = 60 * 60 * 1000;

interface Entry {
  /** The trimmed reference as JSON: what is written, and what a new save is compared with. */
  readonly json: string;
  readonly channel: string;
  readonly userId: string | undefined;
  /** Epoch milliseconds of the last change or use. */
  readonly updatedAt: number;
}

export class ConversationStoreError extends Error {
  readonly code = 'UNREADABLE';
}

const keyOf = (channel: string, conversationId: string): string => `${channel}:${conversationId}`;
const userKeyOf = (channel: string, userId: string): string => `${channel}\u0000${userId}`;

/** Only what is needed to reach the conversation again (no message ids, no text), as JSON. */
export function trimmedJson(reference: StoredReference): string {
  const { channelId, serviceUrl, conversation, user, bot, locale } = reference;
  return JSON.stringify({ channelId, serviceUrl, conversation, user, bot, locale });
}

/** The references in memory, with a per-user index of the latest conversation. */
class ReferenceIndex {
  readonly entries = new Map<string, Entry>();
  private readonly byUser = new Map<string, string>();
  private lastSweep = 0;

  constructor(
    private readonly clock: Clock,
    private readonly retentionMs: number,
  ) {}

  /** Returns true when something changed and must be written. */
  put(reference: StoredReference): boolean {
    const channel = reference.channelId;
    const id = reference.conversation?.id;
    if (!channel || !id) return false;
    const key = keyOf(channel, id);
    const json = trimmedJson(reference);
    const now = this.clock().getTime();
    const before = this.entries.get(key);
    // Unchanged and recently written: nothing to do (a use refreshes the date at most daily).
    if (before && before.json === json && now - before.updatedAt < DAY_MS) return false;
    this.set(key, { json, channel, userId: reference.user?.id, updatedAt: now });
    this.sweep(now);
    return true;
  }

  set(key: string, entry: Entry): void {
    this.entries.set(key, entry);
    if (entry.userId === undefined) return;
    const userKey = userKeyOf(entry.channel, entry.userId);
    const latest = this.byUser.get(userKey);
    const current = latest === undefined ? undefined : this.entries.get(latest);
    if (!current || current.userId !== entry.userId || entry.updatedAt >= current.updatedAt) {
      this.byUser.set(userKey, key);
    }
  }

  get(channel: string, conversationId: string): StoredReference | undefined {
    const entry = this.entries.get(keyOf(channel, conversationId));
    return entry ? (JSON.parse(entry.json) as StoredReference) : undefined;
  }

  findByUser(channel: string, userId: string): StoredReference | undefined {
    const key = this.byUser.get(userKeyOf(channel, userId));
    const entry = key === undefined ? undefined : this.entries.get(key);
    return entry && entry.userId === userId ? (JSON.parse(entry.json) as StoredReference) : undefined;
  }

  /** Drops expired entries; returns how many. */
  sweep(now: number, force = false): number {
    if (!force && now - this.lastSweep < SWEEP_EVERY_MS) return 0;
    this.lastSweep = now;
    let dropped = 0;
    for (const [key, entry] of this.entries) {
      if (now - entry.updatedAt <= this.retentionMs) continue;
      this.entries.delete(key);
      if (entry.userId !== undefined) {
        const userKey = userKeyOf(entry.channel, entry.userId);
        if (this.byUser.get(userKey) === key) this.byUser.delete(userKey);
      }
      dropped++;
    }
    return dropped;
  }
}

/** Reads the file (this version's or the earlier indented one) into the index. */
async function load(file: string, index: ReferenceIndex): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConversationStoreError(`${file}: not a readable conversations file (${String(error)})`);
  }
  const stored = (parsed as { conversations?: unknown } | null)?.conversations;
  if (typeof stored !== 'object' || stored === null) return;
  for (const [key, raw] of Object.entries(stored as Record<string, unknown>)) {
    const { reference, updatedAt } = (raw ?? {}) as { reference?: StoredReference; updatedAt?: unknown };
    const channel = reference?.channelId;
    if (!reference || !channel || !reference.conversation?.id) continue;
    const at = typeof updatedAt === 'string' ? Date.parse(updatedAt) : Number.NaN;
    index.set(key, {
      json: trimmedJson(reference),
      channel,
      userId: reference.user?.id,
      updatedAt: Number.isFinite(at) ? at : 0,
    });
  }
}

/** Streams every entry to a temporary file and renames it over `file`, durably. */
function writeAll(file: string, entries: ReadonlyMap<string, Entry>): Promise<void> {
  const members = (function* () {
    for (const [key, entry] of entries) {
      yield `${JSON.stringify(key)}:{"reference":${entry.json},"updatedAt":"${new Date(entry.updatedAt).toISOString()}"}`;
    }
  })();
  return writeStreamedJson(file, '{"version":1,"conversations":{', members, '}}\n', { sync: true });
}

/**
 * One write at a time; changes made while a write runs share the next one.
 * `flush()` resolves once a write that started after the call has finished.
 */
class CoalescingWriter {
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;

  constructor(private readonly write: () => Promise<void>) {}

  flush(): Promise<void> {
    if (this.next) return this.next;
    if (!this.running) return this.start();
    const after = this.running.then(
      () => undefined,
      () => undefined,
    );
    this.next = after.then(() => {
      this.next = undefined;
      return this.start();
    });
    return this.next;
  }

  async idle(): Promise<void> {
    while (this.running || this.next) await (this.next ?? this.running)?.catch(() => undefined);
  }

  private start(): Promise<void> {
    const run = this.write().finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }
}

/** Opens (or creates) the conversations file, e.g. `${dataDir}/conversations.json`. */
export async function createLowdbConversationStore(
  file: string,
  options: ConversationStoreOptions | Clock = {},
): Promise<ConversationStore> {
  const {
    clock = systemClock,
    retentionDays = DEFAULT_RETENTION_DAYS,
    logger = silentLogger,
  } = typeof options === 'function' ? { clock: options } : options;
  await mkdir(dirname(file), { recursive: true });
  const index = new ReferenceIndex(clock, retentionDays * DAY_MS);
  await load(file, index);
  const dropped = index.sweep(clock().getTime(), true);
  if (dropped > 0) logger.info('expired conversation references dropped', { count: dropped });
  const writer = new CoalescingWriter(() => writeAll(file, index.entries));
  return {
    async save(reference) {
      if (index.put(reference)) await writer.flush();
    },
    async get(channel, conversationId) {
      return index.get(channel, conversationId);
    },
    async findByUser(channel, userId) {
      return index.findByUser(channel, userId);
    },
    close: () => writer.idle(),
  };
}

/** An in-memory store for tools and unit tests. */
export function createMemoryConversationStore(
  clock: Clock = systemClock,
  retentionDays = DEFAULT_RETENTION_DAYS,
): ConversationStore {
  const index = new ReferenceIndex(clock, retentionDays * DAY_MS);
  return {
    async save(reference) {
      index.put(reference);
    },
    async get(channel, conversationId) {
      return index.get(channel, conversationId);
    },
    async findByUser(channel, userId) {
      return index.findByUser(channel, userId);
    },
    close: async () => undefined,
  };
}

/**
 * Turn middleware: records the conversation reference of every incoming
 * message before the bot handles it, so a request filed in this turn can be
 * notified later. The reference is stored under the channel the message
 * really came through (identityOf), which is also the channel the notifier
 * picks the adapter by. A storage failure is logged and the turn goes on.
 */
export function conversationReferenceMiddleware(store: ConversationStore, logger: Logger): MiddlewareHandler {
  return async (context, next) => {
    const activity = context.activity;
    if (activity.type === ActivityTypes.Message && activity.from?.id && activity.conversation?.id) {
      const { channel } = identityOf(context);
      try {
        await store.save({ ...TurnContext.getConversationReference(activity), channelId: channel });
      } catch (error) {
        logger.error('conversation reference not stored', { channel, error });
      }
    }
    await next();
  };
}
