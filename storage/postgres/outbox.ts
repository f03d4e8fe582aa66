import { type Clock, systemClock } from '../../bot/clock.js';
import {
  afterFailure,
  type ClaimedNotice,
  DEFAULT_NOTICE_LIST_LIMIT,
  type Notice,
  type NoticeFailure,
  type NoticeFilter,
  type NoticeStatus,
  type Outbox,
} from '../../requests/outbox.js';
import type { TrackingNumber } from '../../requests/types.js';
import type { Database } from './database.js';

/**
 * The outbox on PostgreSQL (table `outbox` of migrations/007_outbox.sql),
 * shared by every instance. Rows are inserted by the request store in the
 * statement that changes the status; this side claims and updates them.
 *
 * - `claim` locks due rows with FOR UPDATE SKIP LOCKED and leases them in the
 *   same statement (due_at moves to the lease's end, `claims` counts up), so
 *   instances claiming at once get different rows and none waits; a row
 *   whose lease ran out is due again.
 * - `progress`, `sent` and `failed` are single statements conditional on the
 *   claim count the caller holds.
 * - Time comes from the injected clock as parameters (never `now()`), as in
 *   the inbox: instances' clocks must agree to well within a lease.
 */
export interface PostgresOutboxOptions {
  readonly db: Database;
  readonly clock?: Clock;
}

interface Row {
  request_id: string;
  change_index: number;
  created_at: Date;
  status: NoticeStatus;
  due_at: Date;
  claims: number;
  attempts: number;
  last_error: string | null;
  failed_channels: string[];
  done: string[];
}

const COLUMNS =
  'o.request_id, o.change_index, o.created_at, o.status, o.due_at, o.claims, o.attempts, o.last_error, o.failed_channels, o.done';

const KEY = 'o.request_id = $1 AND o.change_index = $2 AND o.claims = $3';

function toNotice(row: Row): Notice {
  return Object.freeze({
    requestId: row.request_id as TrackingNumber,
    change: row.change_index,
    createdAt: row.created_at.toISOString(),
    status: row.status,
    attempts: row.attempts,
    dueAt: row.due_at.toISOString(),
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
    failedChannels: Object.freeze([...row.failed_channels]),
    done: Object.freeze([...row.done]),
  });
}

export function createPostgresOutbox(options: PostgresOutboxOptions & { assertOpen?: () => void }): Outbox {
  const { db } = options;
  const clock = options.clock ?? systemClock;
  const assertOpen = options.assertOpen ?? (() => undefined);
  const key = (notice: ClaimedNotice) => [notice.requestId, notice.change, notice.claim];

  return {
    async claim(limit: number, leaseMs: number): Promise<ClaimedNotice[]> {
      assertOpen();
      if (limit <= 0) return [];
      const now = clock().getTime();
      const { rows } = await db.query<Row>(
        `WITH picked AS (
           SELECT request_id, change_index FROM outbox
            WHERE status = 'pending' AND due_at <= $1
            ORDER BY due_at, created_at
            LIMIT $3
            FOR UPDATE SKIP LOCKED
         )
         UPDATE outbox o SET due_at = $2, claims = o.claims + 1
           FROM picked p
          WHERE o.request_id = p.request_id AND o.change_index = p.change_index
         RETURNING ${COLUMNS}`,
        [new Date(now).toISOString(), new Date(now + leaseMs).toISOString(), limit],
      );
      // RETURNING keeps no order: oldest first again.
      return rows
        .sort((a, b) => a.created_at.getTime() - b.created_at.getTime())
        .map((row) => Object.freeze({ ...toNotice(row), claim: row.claims }));
    },

    async progress(notice: ClaimedNotice, done: readonly string[]): Promise<boolean> {
      assertOpen();
      const result = await db.query(`UPDATE outbox o SET done = $4 WHERE ${KEY} AND o.status = 'pending'`, [
        ...key(notice),
        [...new Set(done)],
      ]);
      return result.rowCount === 1;
    },

    async sent(notice: ClaimedNotice): Promise<boolean> {
      assertOpen();
      const result = await db.query(`DELETE FROM outbox o WHERE ${KEY}`, key(notice));
      return result.rowCount === 1;
    },

    async failed(notice: ClaimedNotice, failure: NoticeFailure): Promise<Notice | undefined> {
      assertOpen();
      // The claim count pins the row to what the caller claimed, so its attempts are current.
      const next = afterFailure(notice, failure, clock().getTime());
      const { rows } = await db.query<Row>(
        `UPDATE outbox o
            SET status = $4, attempts = $5, due_at = $6, last_error = $7, failed_channels = $8, done = $9
          WHERE ${KEY}
         RETURNING ${COLUMNS}`,
        [
          ...key(notice),
          next.status,
          next.attempts,
          next.dueAt,
          next.lastError ?? null,
          next.failedChannels,
          next.done,
        ],
      );
      return rows[0] && toNotice(rows[0]);
    },

    async list(filter: NoticeFilter = {}): Promise<Notice[]> {
      assertOpen();
      const limit = Math.max(0, Math.floor(filter.limit ?? DEFAULT_NOTICE_LIST_LIMIT));
      const { rows } = await db.query<Row>(
        `SELECT ${COLUMNS} FROM outbox o
          WHERE $1::text IS NULL OR o.status = $1
          ORDER BY o.created_at DESC, o.request_id DESC, o.change_index DESC
          LIMIT $2`,
        [filter.status ?? null, limit],
      );
      return rows.map(toNotice);
    },
  };
}
