/**
 * The embedded DirectLineStore (no DATABASE_URL): web chat conversations that
 * survive a restart of the process, in DATA_DIR/directline.jsonl.
 *
 * - The working set is the in-memory ConversationLog (reads, streams, bounds);
 *   every change is also a line of an append-only JSON-lines journal,
 *   group-committed (bot/json-lines-journal.ts, shared with bot/inbox-file.ts);
 *   its records are in directline-file-records.ts.
 *   Opening a conversation, appending and counting photos resolve once their
 *   line is on disk. Reads are written without waiting, at most once per
 *   TOUCH_EVERY_MS a conversation (a polling client is not a write a second),
 *   and all of them on close: after a crash a conversation only read for its
 *   last minute may go idle up to a minute early.
 * - On open the journal is replayed (a torn last line is ignored), then loaded
 *   into the ConversationLog: conversations idle too long are dropped, and the
 *   bounds hold as they do while running (the newest activities of each
 *   conversation, the most recently used conversations within the count and
 *   byte limits). Activity numbers, and so watermarks, are kept. The journal
 *   is then compacted to what was kept, and again while running once it has
 *   grown past max(`compactAfterBytes`, twice the last compaction). (A
 *   conversation the byte bound had cut short - one over 64 MB alone - cannot
 *   be given back with its numbers: it is dropped, with a warning.)
 * - Replaying a record twice changes nothing, so a compaction may hold
 *   records that are appended again after it.
 * - A failed write (disk full) rejects the call; what it changed stays in
 *   memory until the process ends but is not on disk.
 * - One process owns a DATA_DIR (bot/data-dir-lock.ts). Activities hold what
 *   residents wrote: the file is data like state.json, and nothing of it is
 *   ever logged.
 */
import type { Activity } from 'botbuilder';
import { type Clock, systemClock } from '../../bot/clock.js';
import { JsonLinesJournal, type JsonLinesJournalStats, readJournal } from '../../bot/json-lines-journal.js';
import { type Logger, silentLogger } from '../../bot/logger.js';
import { ConversationLog, MAX_CONVERSATIONS, MAX_TOTAL_BYTES } from './conversation-log.js';
import {
  addLine,
  applyRecord,
  type ConversationEntry,
  openLine,
  type Replayed,
  upLine,
  useLine,
} from './directline-file-records.js';
import {
  type ActivityListener,
  type ActivityPage,
  CONVERSATION_IDLE_MS,
  type DirectLineConversation,
  type DirectLineStore,
  MAX_ACTIVITIES_PER_CONVERSATION,
  type OpenedConversation,
} from './directline-store.js';

export const DIRECTLINE_JOURNAL_FILE = 'directline.jsonl';
/** The journal is compacted while running once it is larger than this (and than twice the last compaction). */
export const DEFAULT_COMPACT_AFTER_BYTES = 16 * 1024 * 1024;
const TOUCH_EVERY_MS = 60 * 1000;
const LABEL = 'directline';

export interface FileDirectLineStoreOptions {
  /** The journal, normally DATA_DIR/directline.jsonl; its folder is created when missing. */
  readonly file: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly maxActivities?: number;
  readonly maxConversations?: number;
  readonly idleMs?: number;
  readonly maxBytes?: number;
  readonly compactAfterBytes?: number;
}

export interface FileDirectLineStoreStats extends JsonLinesJournalStats {
  /** Conversations kept in memory (some may be idle and not yet dropped). */
  readonly conversations: number;
}

export interface FileDirectLineStore extends DirectLineStore {
  stats(): FileDirectLineStoreStats;
}

/** Opens (creating when missing) the journal, rebuilds the conversations it holds and compacts it. */
export async function openFileDirectLineStore(
  options: FileDirectLineStoreOptions,
): Promise<FileDirectLineStore> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const maxActivities = options.maxActivities ?? MAX_ACTIVITIES_PER_CONVERSATION;
  const maxConversations = options.maxConversations ?? MAX_CONVERSATIONS;
  const idleMs = options.idleMs ?? CONVERSATION_IDLE_MS;

  // The working set reads this clock; while loading it is set to the time a conversation was created or used.
  let loadingAt: number | undefined;
  const log = new ConversationLog({
    clock: () => (loadingAt === undefined ? clock() : new Date(loadingAt)),
    maxActivities,
    maxConversations,
    idleMs,
    maxBytes: options.maxBytes ?? MAX_TOTAL_BYTES,
  });
  const entries = new Map<string, ConversationEntry>();

  const replayed = new Map<string, Replayed>();
  await readJournal(options.file, { logger, label: LABEL }, (record) =>
    applyRecord(replayed, record, maxActivities),
  );

  // Load the live ones, least recently used first, as they were used: the log's own bounds then hold.
  const now = clock().getTime();
  const live = [...replayed]
    .filter(([, c]) => now - c.lastUsed <= idleMs)
    .sort(([, a], [, b]) => a.lastUsed - b.lastUsed)
    .slice(-maxConversations);
  let unrestorable = 0;
  try {
    for (const [id, c] of live) {
      // Numbers from firstSeq on can be given back only when the log itself drops the ones before.
      if (c.firstSeq > 0 && c.activities.length < maxActivities) {
        unrestorable += 1;
        continue;
      }
      loadingAt = c.createdAt;
      await log.open(id, c.userId, c.staff);
      for (let t = c.createdAt + idleMs; t < c.lastUsed; t += idleMs) {
        loadingAt = t;
        await log.get(id);
      }
      loadingAt = c.lastUsed;
      await log.get(id);
      for (let seq = 0; seq < c.firstSeq; seq += 1) await log.append(id, { type: 'event' } as Activity);
      for (const activity of c.activities) await log.append(id, activity);
      if (c.uploads > 0) await log.addUploads(id, c.uploads, c.uploads);
      const { userId, staff, createdAt, lastUsed, uploads } = c;
      entries.set(id, { userId, staff, createdAt, lastUsed, journaledUse: lastUsed, uploads });
    }
  } finally {
    loadingAt = undefined;
  }
  if (unrestorable > 0) {
    logger.warn(`${LABEL}: dropped conversations whose kept activities could not be numbered as before`, {
      count: unrestorable,
    });
  }

  const store = new JournaledConversations(
    log,
    entries,
    clock,
    logger,
    Math.min(TOUCH_EVERY_MS, idleMs / 100),
  );
  const compactAfterBytes = options.compactAfterBytes ?? DEFAULT_COMPACT_AFTER_BYTES;
  // Compacted on open, and again once larger than compactAfterBytes and than twice the last compaction.
  const journal = await JsonLinesJournal.open({
    file: options.file,
    logger,
    label: LABEL,
    snapshot: () => store.snapshot(),
    shouldCompact: (now, last) => now.bytes > Math.max(compactAfterBytes, 2 * last.bytes),
  });
  store.attach(journal);
  logger.info(`${LABEL}: web chat conversations restored`, {
    conversations: log.size,
    dropped: replayed.size - log.size,
  });
  return store;
}

class JournaledConversations implements FileDirectLineStore {
  private journal: JsonLinesJournal | undefined;

  constructor(
    private readonly log: ConversationLog,
    /** Conversations the journal names; some may be gone from the log (pruned on sweep and compaction). */
    private readonly entries: Map<string, ConversationEntry>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly touchEveryMs: number,
  ) {}

  attach(journal: JsonLinesJournal): void {
    this.journal = journal;
  }

  async open(id: string, userId: string, staff: boolean): Promise<OpenedConversation> {
    const opened = await this.log.open(id, userId, staff);
    if (!opened.created) {
      this.used(id);
      return opened;
    }
    const { conversation } = opened;
    const now = this.now();
    const entry: ConversationEntry = {
      userId: conversation.userId,
      staff: conversation.staff,
      createdAt: conversation.createdAt.getTime(),
      lastUsed: now,
      journaledUse: now,
      uploads: 0,
    };
    this.entries.set(id, entry);
    await this.write(openLine(id, entry));
    if (this.entries.size > 2 * Math.max(this.log.size, 1) + 100) await this.prune();
    return opened;
  }

  async get(id: string): Promise<DirectLineConversation | undefined> {
    const conversation = await this.log.get(id);
    if (conversation) this.used(id);
    return conversation;
  }

  async append(conversationId: string, activity: Activity): Promise<string | undefined> {
    const id = await this.log.append(conversationId, activity);
    if (id === undefined) return undefined;
    const seq = Number(id.slice(conversationId.length + 1));
    const now = this.now();
    const entry = this.entries.get(conversationId);
    if (entry) {
      entry.lastUsed = now;
      entry.journaledUse = now;
    }
    await this.write(addLine(conversationId, seq, now, { ...activity, id } as Activity));
    return id;
  }

  after(conversationId: string, watermark: string | undefined): Promise<ActivityPage | undefined> {
    return this.log.after(conversationId, watermark);
  }

  subscribe(
    conversationId: string,
    watermark: string | undefined,
    listener: ActivityListener,
  ): Promise<() => void> {
    return this.log.subscribe(conversationId, watermark, listener);
  }

  async addUploads(conversationId: string, count: number, max: number): Promise<boolean> {
    if (!(await this.log.addUploads(conversationId, count, max))) return false;
    const entry = this.entries.get(conversationId);
    if (entry) {
      entry.uploads += count;
      await this.write(upLine(conversationId, entry.uploads));
    }
    return true;
  }

  async sweep(): Promise<number> {
    const dropped = await this.log.sweep();
    await this.prune();
    return dropped;
  }

  async close(): Promise<void> {
    const journal = this.journal;
    if (!journal) return;
    // Reads not yet written: a restart should see the conversation as used when it last was.
    const writes: Promise<void>[] = [];
    for (const [id, entry] of this.entries) {
      if (entry.lastUsed > entry.journaledUse) {
        entry.journaledUse = entry.lastUsed;
        writes.push(journal.append(useLine(id, entry.lastUsed)));
      }
    }
    await Promise.all(writes).catch((error) =>
      this.logger.warn(`${LABEL}: could not write the last reads`, { error }),
    );
    await journal.close();
    this.journal = undefined;
    await this.log.close();
  }

  stats(): FileDirectLineStoreStats {
    const journal = this.journal?.stats() ?? { commits: 0, appended: 0, compactions: 0, lines: 0, bytes: 0 };
    return { ...journal, conversations: this.log.size };
  }

  /** The records of every conversation kept now: what a compaction writes. */
  async snapshot(): Promise<string[]> {
    const lines: string[] = [];
    for (const id of [...this.entries.keys()]) {
      const page = await this.log.after(id, undefined);
      const entry = this.entries.get(id);
      if (!entry) continue;
      if (!page) {
        this.entries.delete(id);
        continue;
      }
      const first = Number(page.watermark) - page.activities.length;
      lines.push(openLine(id, entry));
      page.activities.forEach((activity, i) => {
        lines.push(addLine(id, first + i, entry.createdAt, activity));
      });
      if (entry.lastUsed > entry.createdAt) lines.push(useLine(id, entry.lastUsed));
      if (entry.uploads > 0) lines.push(upLine(id, entry.uploads));
      entry.journaledUse = entry.lastUsed;
    }
    return lines;
  }

  private now(): number {
    return this.clock().getTime();
  }

  /** Marks a conversation used; written to the journal at most once per touchEveryMs, without waiting. */
  private used(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    const now = this.now();
    entry.lastUsed = now;
    if (now - entry.journaledUse < this.touchEveryMs) return;
    entry.journaledUse = now;
    this.write(useLine(id, now)).catch((error) =>
      this.logger.warn(`${LABEL}: could not write a read`, { error }),
    );
  }

  private write(text: string): Promise<void> {
    if (!this.journal) return Promise.reject(new Error(`${LABEL}: the store is closed`));
    return this.journal.append(text);
  }

  /** Forgets conversations the log no longer holds (idle, or over its bounds). */
  private async prune(): Promise<void> {
    for (const [id, entry] of [...this.entries]) {
      const page = await this.log.after(id, String(Number.MAX_SAFE_INTEGER));
      if (!page && this.entries.get(id) === entry) this.entries.delete(id);
    }
  }
}
