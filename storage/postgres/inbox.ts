import { type Clock, systemClock } from '../../bot/clock.js';
import type { AcceptOutcome, Inbox, InboxMessage } from '../../bot/inbox.js';
import type { Database } from './database.js';
import { jsonbText } from './pg-text.js';

/**
 * The inbox in PostgreSQL (table `inbox` of migrations/004_inbox.sql), shared
 * by every instance:
 *
 * - accept is one INSERT ... ON CONFLICT DO NOTHING: the primary key
 *   (channel, id) decides, atomically, which delivery of an id is new;
 * - claimPending locks the oldest pending rows whose lease ran out with
 *   FOR UPDATE SKIP LOCKED and leases them in the same statement, so two
 *   instances claiming at once get different messages and neither waits;
 * - time comes from the injected clock, passed as parameters (never `now()`):
 *   tests with a fixed clock see the same leases as the embedded store, and
 *   a lease is compared with the claiming instance's clock. Instances' clocks
 *   must agree to well within a lease (NTP gives milliseconds; leases are
 *   seconds to minutes).
 *
 * Payloads are stored as jsonb: key order is not kept, and U+0000 or a lone
 * surrogate becomes U+FFFD (pg-text.ts). The store does not own the pool;
 * `close` only stops this store.
 */
export interface PostgresInboxOptions {
  readonly db: Database;
  readonly clock?: Clock;
}

interface MessageRow {
  channel: string;
  id: string;
  payload: unknown;
  received_at: Date;
  attempts: number;
  seq: string;
}

const toMessage = (row: MessageRow): InboxMessage => ({
  channel: row.channel,
  id: row.id,
  payload: row.payload,
  receivedAt: row.received_at.toISOString(),
  attempts: row.attempts,
});

export function createPostgresInbox(options: PostgresInboxOptions): Inbox {
  const { db } = options;
  const clock = options.clock ?? systemClock;
  let closed = false;
  const assertOpen = () => {
    if (closed) throw new Error('inbox: closed');
  };
  const at = (offsetMs = 0) => new Date(clock().getTime() + offsetMs).toISOString();

  return {
    async accept(message, leaseMs): Promise<AcceptOutcome> {
      assertOpen();
      const now = clock().getTime();
      const result = await db.query(
        `INSERT INTO inbox (channel, id, payload, received_at, lease_until)
         VALUES ($1, $2, $3::jsonb, $4, $5)
         ON CONFLICT (channel, id) DO NOTHING`,
        [
          message.channel,
          message.id,
          jsonbText(message.payload ?? null),
          new Date(now).toISOString(),
          new Date(now + leaseMs).toISOString(),
        ],
      );
      return result.rowCount === 1 ? 'new' : 'duplicate';
    },

    async extend(channel, id, leaseMs) {
      assertOpen();
      await db.query(
        'UPDATE inbox SET lease_until = $3 WHERE channel = $1 AND id = $2 AND done_at IS NULL AND lease_until < $3',
        [channel, id, at(leaseMs)],
      );
    },

    async done(channel, id) {
      assertOpen();
      await db.query('UPDATE inbox SET done_at = $3 WHERE channel = $1 AND id = $2 AND done_at IS NULL', [
        channel,
        id,
        at(),
      ]);
    },

    async claimPending(limit, leaseMs) {
      assertOpen();
      if (limit <= 0) return [];
      const result = await db.query<MessageRow>(
        `WITH picked AS (
           SELECT channel, id FROM inbox
           WHERE done_at IS NULL AND lease_until <= $1
           ORDER BY received_at, seq
           LIMIT $3
           FOR UPDATE SKIP LOCKED
         )
         UPDATE inbox i SET lease_until = $2, attempts = i.attempts + 1
         FROM picked p
         WHERE i.channel = p.channel AND i.id = p.id
         RETURNING i.channel, i.id, i.payload, i.received_at, i.attempts, i.seq`,
        [at(), at(leaseMs), limit],
      );
      // RETURNING keeps no order: oldest first again (seq is a bigint, read as a string).
      return result.rows
        .sort((a, b) => a.received_at.getTime() - b.received_at.getTime() || Number(a.seq) - Number(b.seq))
        .map(toMessage);
    },

    async prune(olderThanMs) {
      assertOpen();
      const result = await db.query('DELETE FROM inbox WHERE done_at IS NOT NULL AND received_at < $1', [
        at(-olderThanMs),
      ]);
      return result.rowCount ?? 0;
    },

    async close() {
      closed = true;
    },
  };
}
