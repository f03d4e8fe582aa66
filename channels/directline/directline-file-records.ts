/**
 * The records of DATA_DIR/directline.jsonl (directline-file-store.ts), one a
 * line, and how they rebuild the conversations on open:
 *
 *     {"op":"open","c":"<conversation>","u":"w_...","s":false,"t":"<ISO>"}  created (replaces one of the same id)
 *     {"op":"add","c":"<conversation>","n":3,"t":"<ISO>","a":{...activity}}  activity number 3 appended
 *     {"op":"use","c":"<conversation>","t":"<ISO>"}                         read (marks it used)
 *     {"op":"up","c":"<conversation>","n":2}                                photos counted so far
 *
 * Replaying a record twice changes nothing: an add already numbered is
 * ignored, an open starts the conversation afresh and the adds after it
 * follow, photo counts are totals.
 */
import type { Activity } from 'botbuilder';

/** What the journal knows of a conversation besides its activities. */
export interface ConversationEntry {
  readonly userId: string;
  readonly staff: boolean;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  lastUsed: number;
  /** The last use written to the journal. */
  journaledUse: number;
  uploads: number;
}

/** A conversation as the journal rebuilds it. */
export interface Replayed extends ConversationEntry {
  firstSeq: number;
  readonly activities: Activity[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const line = (record: Record<string, unknown>) => `${JSON.stringify(record)}\n`;
export const openLine = (c: string, e: ConversationEntry) =>
  line({ op: 'open', c, u: e.userId, s: e.staff, t: iso(e.createdAt) });
export const useLine = (c: string, t: number) => line({ op: 'use', c, t: iso(t) });
export const upLine = (c: string, n: number) => line({ op: 'up', c, n });
export const addLine = (c: string, n: number, t: number, a: Activity) =>
  line({ op: 'add', c, n, t: iso(t), a });

/** Applies one journal record to the conversations being rebuilt; false when it is not a record. */
export function applyRecord(
  conversations: Map<string, Replayed>,
  record: unknown,
  maxActivities: number,
): boolean {
  if (typeof record !== 'object' || record === null) return false;
  const r = record as Record<string, unknown>;
  if (typeof r.c !== 'string') return false;
  const t = typeof r.t === 'string' ? Date.parse(r.t) : Number.NaN;
  const known = conversations.get(r.c);
  switch (r.op) {
    case 'open':
      if (typeof r.u !== 'string' || typeof r.s !== 'boolean' || Number.isNaN(t)) return false;
      conversations.delete(r.c);
      conversations.set(r.c, {
        userId: r.u,
        staff: r.s,
        createdAt: t,
        lastUsed: t,
        journaledUse: t,
        uploads: 0,
        firstSeq: 0,
        activities: [],
      });
      return true;
    case 'add': {
      const n = r.n;
      if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || Number.isNaN(t)) return false;
      if (typeof r.a !== 'object' || r.a === null) return false;
      if (!known) return true;
      known.lastUsed = Math.max(known.lastUsed, t);
      const next = known.firstSeq + known.activities.length;
      if (n < next) return true;
      if (n > next) {
        // The ones before were dropped (a compaction keeps the newest only).
        known.activities.length = 0;
        known.firstSeq = n;
      }
      known.activities.push(r.a as Activity);
      if (known.activities.length > maxActivities) {
        known.firstSeq += known.activities.length - maxActivities;
        known.activities.splice(0, known.activities.length - maxActivities);
      }
      return true;
    }
    case 'use':
      if (Number.isNaN(t)) return false;
      if (known) known.lastUsed = Math.max(known.lastUsed, t);
      return true;
    case 'up':
      if (typeof r.n !== 'number' || !Number.isSafeInteger(r.n) || r.n < 0) return false;
      if (known) known.uploads = r.n;
      return true;
    default:
      return false;
  }
}
