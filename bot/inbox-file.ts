/**
 * The embedded inbox (bot/inbox.ts): an append-only JSON-lines journal,
 * DATA_DIR/inbox.jsonl, one record a line:
 *
 *     {"op":"accept","channel":"sms","id":"SM...","receivedAt":"<ISO>","attempts":1,"payload":{...}}
 *     {"op":"lease","channel":"sms","id":"SM...","attempts":2}
 *     {"op":"done","channel":"sms","id":"SM...","receivedAt":"<ISO>"}
 *
 * The file itself (group commit, compaction, torn lines) is bot/json-lines-journal.ts;
 * this file holds the inbox's records and what they mean.
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
import { type Clock, systemClock } from './clock.js';
import type { AcceptOutcome, Inbox, InboxMessage } from './inbox.js';
import { type JournalReplay, JsonLinesJournal, readJournal } from './json-lines-journal.js';
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
const LABEL = 'inbox';

/** A message the journal holds as pending, as it is replayed. */
export interface JournaledMessage {
  readonly channel: string;
  readonly id: string;
  /** The payload as JSON text. */
  readonly payloadJson: string;
  /** Epoch milliseconds. */
  readonly receivedAt: number;
  readonly attempts: number;
}

/** A done id as it is replayed (its payload is not kept). */
export type JournaledDone = Pick<JournaledMessage, 'channel' | 'id' | 'receivedAt'>;

/** What the journal holds: the state the inbox rebuilds on open (before the de-duplication window). */
export interface InboxJournal extends JournalReplay {
  /** Pending messages, in the order they were accepted (oldest first). */
  readonly pending: readonly JournaledMessage[];
  /** Done ids, in the order they were done (oldest first); at most `maxDoneIds`, the newest. */
  readonly done: readonly JournaledDone[];
}

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

function acceptLine(p: JournaledMessage): string {
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

/** One parsed line of the journal as a record; undefined when it is not one. */
function asRecord(value: unknown): JournalRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Record<string, unknown>;
  if (typeof r.channel !== 'string' || typeof r.id !== 'string') return undefined;
  if ((r.op === 'accept' || r.op === 'done') && typeof r.receivedAt === 'string') {
    return Number.isFinite(Date.parse(r.receivedAt)) ? (r as JournalRecord) : undefined;
  }
  if (r.op === 'lease' && typeof r.attempts === 'number') return r as JournalRecord;
  return undefined;
}

/**
 * Replays the journal as the inbox does on open (a missing file reads as
 * empty; a torn last line is ignored): pending messages with their attempts,
 * and done ids, at most `maxDoneIds` (default: all). Used by the inbox and by
 * `npm run db:import` (storage/postgres/lowdb-data-dir.ts).
 */
export async function readInboxJournal(
  file: string,
  options: { readonly logger?: Logger; readonly maxDoneIds?: number } = {},
): Promise<InboxJournal> {
  const maxDone = options.maxDoneIds ?? Number.POSITIVE_INFINITY;
  const pending = new Map<string, { -readonly [K in keyof JournaledMessage]: JournaledMessage[K] }>();
  const done = new Map<string, JournaledDone>();
  const replay = await readJournal(
    file,
    { logger: options.logger ?? silentLogger, label: LABEL },
    (value) => {
      const record = asRecord(value);
      if (record === undefined) return false;
      const key = keyOf(record.channel, record.id);
      if (record.op === 'accept') {
        if (pending.has(key) || done.has(key)) return true;
        pending.set(key, {
          channel: record.channel,
          id: record.id,
          payloadJson: JSON.stringify(record.payload) ?? 'null',
          receivedAt: Date.parse(record.receivedAt),
          attempts: typeof record.attempts === 'number' ? record.attempts : 1,
        });
      } else if (record.op === 'lease') {
        const p = pending.get(key);
        if (p) p.attempts = Math.max(p.attempts, record.attempts);
      } else {
        pending.delete(key);
        done.set(key, { channel: record.channel, id: record.id, receivedAt: Date.parse(record.receivedAt) });
        if (done.size > maxDone) done.delete(done.keys().next().value as string);
      }
      return true;
    },
  );
  return { ...replay, pending: [...pending.values()], done: [...done.values()] };
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

  const markDone = (key: string, receivedAt: number) => {
    done.set(key, receivedAt);
    if (done.size > maxDone) done.delete(done.keys().next().value as string);
  };

  // Rebuild the state from the journal, keeping done ids of the de-duplication window only.
  const replayed = await readInboxJournal(file, { logger, maxDoneIds: maxDone });
  for (const p of replayed.pending) {
    pending.set(keyOf(p.channel, p.id), { ...p, leaseUntil: 0, stored: Promise.resolve() });
  }
  const cutoff = clock().getTime() - windowMs;
  for (const d of replayed.done) if (d.receivedAt >= cutoff) done.set(keyOf(d.channel, d.id), d.receivedAt);

  // Compacted on open, and again once it has grown by more lines than the last compaction wrote.
  const journal = await JsonLinesJournal.open({
    file,
    logger,
    label: LABEL,
    snapshot: () => {
      const lines: string[] = [];
      for (const [key, receivedAt] of done) {
        const cut = key.indexOf('\u0000');
        lines.push(doneLine(key.slice(0, cut), key.slice(cut + 1), receivedAt));
      }
      for (const p of pending.values()) lines.push(acceptLine(p));
      return lines;
    },
    shouldCompact: (now, last) => now.lines - last.lines > Math.max(compactAfter, last.lines),
  });
  let closed = false;
  const assertOpen = () => {
    if (closed) throw new Error('inbox: closed');
  };

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
      entry.stored = journal.append(acceptLine(entry), () => {
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
      await journal.append(doneLine(channel, id, entry.receivedAt), () => {
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
      await journal.append(claimed.map(leaseLine), () => {
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
      if (removed > 0) await journal.compact();
      return removed;
    },

    async close() {
      if (closed) return;
      closed = true;
      await journal.close();
    },

    stats: () => {
      const { commits, appended, lines, compactions } = journal.stats();
      return { commits, appended, journalLines: lines, compactions, pending: pending.size, done: done.size };
    },
  };
}
