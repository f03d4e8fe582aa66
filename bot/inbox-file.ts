/**
 * The embedded inbox (bot/inbox.ts): an append-only JSON-lines journal,
 * DATA_DIR/inbox.jsonl, one record a line:
 *
 *     {"op":"accept","channel":"sms","id":"SM...","receivedAt":"<ISO>","attempts":1,"payload":{...}}
 *     {"op":"lease","channel":"sms","id":"SM...","attempts":2}
 *     {"op":"done","channel":"sms","id":"SM...","receivedAt":"<ISO>"}
 *
 * - Group commit: a call's line joins the batch being collected, and every
 *   call of a batch resolves after ONE append and one fdatasync of the whole
 *   batch; the next batch collects while that one is written. Hundreds of
 *   webhooks a second cost a few disk flushes, not one each.
 * - State lives in memory and is rebuilt from the journal on open. A torn last
 *   line (a crash in the middle of an append, never acknowledged) is ignored.
 *   The file is then compacted: pending messages and the done ids of the
 *   de-duplication window are written to a temporary file, flushed, and
 *   renamed over the journal. It is compacted again while running once it has
 *   grown by more lines than the last compaction wrote (and at least
 *   `compactAfterLines`), and after a prune() that forgot anything.
 * - Memory is bounded: done messages keep only their key and acceptance time,
 *   and at most `maxDoneIds` of them (the newest done; default 50,000, about
 *   6 MB with Twilio-length ids). Past that the oldest are forgotten early:
 *   at a sustained 200 messages a second 50,000 ids cover about four
 *   minutes, less than Slack's last retry (about 5 minutes after the first
 *   delivery); raise it where such rates are expected. Pending messages are never
 *   dropped, whatever their number or age.
 * - Replaying a record twice changes nothing (accept of a known id is
 *   ignored, lease carries the count, done is idempotent), so a compaction
 *   may include records that are appended again after it.
 * - Leases live in memory only: one process owns a DATA_DIR (bot/data-dir-lock.ts),
 *   so after a restart every pending message is claimable at once. Attempts are stored.
 * - A failed append (disk full) rejects every call of its batch, undoes their
 *   changes in memory and cuts the file back to its last good length, so the
 *   webhook fails (503) and the provider's retry is treated as new.
 */
import { createReadStream } from 'node:fs';
import { type FileHandle, mkdir, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { type Clock, systemClock } from './clock.js';
import type { AcceptOutcome, Inbox, InboxMessage } from './inbox.js';
import { type Logger, silentLogger } from './logger.js';

export interface FileInboxOptions {
  /** The journal, normally DATA_DIR/inbox.jsonl; its folder is created when missing. */
  readonly file: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Done ids accepted longer ago than this are dropped when the journal is compacted on open; default 24 h. */
  readonly dedupeWindowMs?: number;
  /** At most this many done ids are remembered, the newest done; default 50,000. */
  readonly maxDoneIds?: number;
  /** The journal is compacted while running once it has grown by at least this many lines; default 20,000. */
  readonly compactAfterLines?: number;
}

export interface FileInboxStats {
  /** Group commits since open: one append and one fdatasync each. */
  readonly commits: number;
  /** Lines appended since open (compactions not counted). */
  readonly appended: number;
  /** Lines in the journal file now. */
  readonly journalLines: number;
  readonly compactions: number;
  readonly pending: number;
  readonly done: number;
}

export interface FileInbox extends Inbox {
  stats(): FileInboxStats;
}

export const DEFAULT_DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_MAX_DONE_IDS = 50_000;
export const DEFAULT_COMPACT_AFTER_LINES = 20_000;
/** Compaction writes the file in chunks of about this many characters. */
const CHUNK_CHARS = 1 << 20;

interface Pending {
  readonly channel: string;
  readonly id: string;
  /** The payload as JSON text: what is written, and parsed afresh for each claim. */
  readonly payloadJson: string;
  /** Epoch milliseconds. */
  readonly receivedAt: number;
  attempts: number;
  /** Epoch milliseconds; 0 after a restart. */
  leaseUntil: number;
  /** Settles once the accept record is on disk (a duplicate waits for it). */
  stored: Promise<void>;
}

type JournalRecord =
  | { op: 'accept'; channel: string; id: string; receivedAt: string; attempts?: number; payload: unknown }
  | { op: 'lease'; channel: string; id: string; attempts: number }
  | { op: 'done'; channel: string; id: string; receivedAt: string };

const keyOf = (channel: string, id: string) => `${channel}\u0000${id}`;
const iso = (ms: number) => new Date(ms).toISOString();

function acceptLine(p: Pending): string {
  const head = JSON.stringify({
    op: 'accept',
    channel: p.channel,
    id: p.id,
    receivedAt: iso(p.receivedAt),
    attempts: p.attempts,
  });
  return `${head.slice(0, -1)},"payload":${p.payloadJson}}\n`;
}
const leaseLine = (p: Pending) =>
  `${JSON.stringify({ op: 'lease', channel: p.channel, id: p.id, attempts: p.attempts })}\n`;
const doneLine = (channel: string, id: string, receivedAt: number) =>
  `${JSON.stringify({ op: 'done', channel, id, receivedAt: iso(receivedAt) })}\n`;

function parseRecord(line: string): JournalRecord | undefined {
  let r: Record<string, unknown>;
  try {
    r = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof r !== 'object' || r === null || typeof r.channel !== 'string' || typeof r.id !== 'string') {
    return undefined;
  }
  if ((r.op === 'accept' || r.op === 'done') && typeof r.receivedAt === 'string') {
    return Number.isFinite(Date.parse(r.receivedAt)) ? (r as JournalRecord) : undefined;
  }
  if (r.op === 'lease' && typeof r.attempts === 'number') return r as JournalRecord;
  return undefined;
}

interface Batch {
  readonly lines: string[];
  readonly undo: (() => void)[];
  readonly done: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { lines: [], undo: [], done, resolve, reject };
}

async function syncFolder(folder: string): Promise<void> {
  // Makes a rename durable; not possible on every platform (Windows), where it is skipped.
  const handle = await open(folder, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}

export async function openFileInbox(options: FileInboxOptions): Promise<FileInbox> {
  const { file } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const windowMs = options.dedupeWindowMs ?? DEFAULT_DEDUPE_WINDOW_MS;
  const maxDone = options.maxDoneIds ?? DEFAULT_MAX_DONE_IDS;
  const compactAfter = options.compactAfterLines ?? DEFAULT_COMPACT_AFTER_LINES;

  /** Pending messages in the order they were accepted (oldest first). */
  const pending = new Map<string, Pending>();
  /** Done ids -> epoch ms accepted, in the order they were done (oldest first). */
  const done = new Map<string, number>();
  const stats = { commits: 0, appended: 0, journalLines: 0, compactions: 0 };
  let linesAtCompaction = 0;

  const markDone = (key: string, receivedAt: number) => {
    done.set(key, receivedAt);
    if (done.size > maxDone) done.delete(done.keys().next().value as string);
  };

  // Rebuild the state from the journal.
  await mkdir(dirname(file), { recursive: true });
  let unreadable = 0;
  let lastUnreadable = false;
  try {
    const lines = createInterface({
      input: createReadStream(file, 'utf8'),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    for await (const line of lines) {
      if (line === '') continue;
      const record = parseRecord(line);
      lastUnreadable = record === undefined;
      if (record === undefined) {
        unreadable += 1;
        continue;
      }
      const key = keyOf(record.channel, record.id);
      if (record.op === 'accept') {
        if (pending.has(key) || done.has(key)) continue;
        const payloadJson = JSON.stringify(record.payload) ?? 'null';
        const attempts = typeof record.attempts === 'number' ? record.attempts : 1;
        const receivedAt = Date.parse(record.receivedAt);
        const { channel, id } = record;
        pending.set(key, {
          channel,
          id,
          payloadJson,
          receivedAt,
          attempts,
          leaseUntil: 0,
          stored: Promise.resolve(),
        });
      } else if (record.op === 'lease') {
        const p = pending.get(key);
        if (p) p.attempts = Math.max(p.attempts, record.attempts);
      } else {
        pending.delete(key);
        markDone(key, Date.parse(record.receivedAt));
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (lastUnreadable) logger.info('inbox: ignored a torn last line of the journal (a crash during a write)');
  if (unreadable > (lastUnreadable ? 1 : 0)) {
    logger.warn('inbox: skipped unreadable journal lines', { count: unreadable - (lastUnreadable ? 1 : 0) });
  }
  const cutoff = clock().getTime() - windowMs;
  for (const [key, receivedAt] of done) if (receivedAt < cutoff) done.delete(key);

  // --- The journal file: group-committed appends and compaction, one at a time.
  let handle: FileHandle | undefined;
  let size = 0;
  let collecting: Batch | undefined;
  let compactWanted: Batch | undefined;
  let draining: Promise<void> | undefined;
  let closed = false;
  let tornTail = false;

  async function compact(): Promise<void> {
    const parts: string[] = [];
    for (const [key, receivedAt] of done) {
      const cut = key.indexOf('\u0000');
      parts.push(doneLine(key.slice(0, cut), key.slice(cut + 1), receivedAt));
    }
    for (const p of pending.values()) parts.push(acceptLine(p));
    const temp = `${file}.tmp`;
    const out = await open(temp, 'w');
    let bytes = 0;
    try {
      for (let i = 0; i < parts.length; ) {
        let chunk = '';
        while (i < parts.length && chunk.length < CHUNK_CHARS) chunk += parts[i++];
        bytes += Buffer.byteLength(chunk);
        await out.appendFile(chunk);
      }
      await out.datasync();
    } finally {
      await out.close();
    }
    await rename(temp, file);
    await syncFolder(dirname(file));
    const old = handle;
    handle = undefined;
    await old?.close();
    handle = await open(file, 'a');
    size = bytes;
    tornTail = false;
    stats.journalLines = parts.length;
    linesAtCompaction = parts.length;
    stats.compactions += 1;
    logger.debug('inbox: journal compacted', { pending: pending.size, done: done.size });
  }

  async function commit(batch: Batch): Promise<void> {
    // After a failed append that could not be cut back, start on a new line (empty lines are skipped).
    const text = (tornTail ? '\n' : '') + batch.lines.join('');
    try {
      if (!handle) throw new Error('inbox: the journal is not open');
      await handle.appendFile(text);
      await handle.datasync();
      size = tornTail ? (await handle.stat()).size : size + Buffer.byteLength(text);
      tornTail = false;
    } catch (error) {
      const cut = await handle?.truncate(size).then(
        () => true,
        () => false,
      );
      tornTail ||= cut === false;
      for (const undo of batch.undo.reverse()) undo();
      batch.reject(error);
      return;
    }
    stats.commits += 1;
    stats.appended += batch.lines.length;
    stats.journalLines += batch.lines.length;
    batch.resolve();
  }

  async function drain(): Promise<void> {
    // Let every call of this turn of the event loop join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (collecting || compactWanted) {
      if (compactWanted) {
        const wanted = compactWanted;
        compactWanted = undefined;
        await compact().then(wanted.resolve, wanted.reject);
      }
      const batch = collecting;
      collecting = undefined;
      if (!batch) continue;
      await commit(batch);
      const grown = stats.journalLines - linesAtCompaction;
      if (!compactWanted && grown > Math.max(compactAfter, linesAtCompaction)) {
        compactWanted = newBatch();
        compactWanted.done.catch((error) => logger.error('inbox: compaction failed', { error }));
      }
    }
    draining = undefined;
  }

  const run = () => {
    draining ??= drain();
  };
  const append = (lines: string[], undo: () => void): Promise<void> => {
    collecting ??= newBatch();
    const batch = collecting;
    batch.lines.push(...lines);
    batch.undo.push(undo);
    run();
    return batch.done;
  };
  const requestCompaction = (): Promise<void> => {
    compactWanted ??= newBatch();
    const wanted = compactWanted;
    run();
    return wanted.done;
  };
  const assertOpen = () => {
    if (closed) throw new Error('inbox: closed');
  };

  await compact();

  return {
    async accept(message, leaseMs): Promise<AcceptOutcome> {
      assertOpen();
      const key = keyOf(message.channel, message.id);
      const known = pending.get(key);
      if (known) {
        await known.stored;
        return 'duplicate';
      }
      if (done.has(key)) return 'duplicate';
      const now = clock().getTime();
      const entry: Pending = {
        channel: message.channel,
        id: message.id,
        payloadJson: JSON.stringify(message.payload) ?? 'null',
        receivedAt: now,
        attempts: 1,
        leaseUntil: now + leaseMs,
        stored: Promise.resolve(),
      };
      pending.set(key, entry);
      entry.stored = append([acceptLine(entry)], () => {
        if (pending.get(key) === entry) pending.delete(key);
      });
      await entry.stored;
      return 'new';
    },

    async extend(channel, id, leaseMs) {
      assertOpen();
      // Leases are in memory only (one process per DATA_DIR): nothing to write.
      const entry = pending.get(keyOf(channel, id));
      if (entry) entry.leaseUntil = clock().getTime() + leaseMs;
    },

    async done(channel, id) {
      assertOpen();
      const key = keyOf(channel, id);
      const entry = pending.get(key);
      if (!entry) return;
      pending.delete(key);
      markDone(key, entry.receivedAt);
      await append([doneLine(channel, id, entry.receivedAt)], () => {
        done.delete(key);
        pending.set(key, entry);
      });
    },

    async claimPending(limit, leaseMs): Promise<InboxMessage[]> {
      assertOpen();
      const now = clock().getTime();
      const claimed: Pending[] = [];
      for (const entry of pending.values()) {
        if (claimed.length >= limit) break;
        if (entry.leaseUntil <= now) claimed.push(entry);
      }
      if (claimed.length === 0) return [];
      const before = claimed.map((e) => ({ e, leaseUntil: e.leaseUntil, attempts: e.attempts }));
      for (const e of claimed) {
        e.leaseUntil = now + leaseMs;
        e.attempts += 1;
      }
      await append(claimed.map(leaseLine), () => {
        for (const b of before) Object.assign(b.e, { leaseUntil: b.leaseUntil, attempts: b.attempts });
      });
      return claimed.map((e) => ({
        channel: e.channel,
        id: e.id,
        payload: JSON.parse(e.payloadJson),
        receivedAt: iso(e.receivedAt),
        attempts: e.attempts,
      }));
    },

    async prune(olderThanMs) {
      assertOpen();
      const before = clock().getTime() - olderThanMs;
      let removed = 0;
      for (const [key, receivedAt] of done) {
        if (receivedAt < before) {
          done.delete(key);
          removed += 1;
        }
      }
      // The journal still names what was forgotten: rewrite it so a restart forgets it too.
      if (removed > 0) await requestCompaction();
      return removed;
    },

    async close() {
      if (closed) return;
      closed = true;
      while (draining) await draining;
      await handle?.close();
      handle = undefined;
    },

    stats: () => ({ ...stats, pending: pending.size, done: done.size }),
  };
}
