import { createHash } from 'node:crypto';
import { type Clock, systemClock } from '../../bot/clock.js';
import type { AttemptCounter, AttemptWindow } from '../../requests/attempt-counter.js';
import type { Database } from './database.js';

export interface PostgresAttemptCounterOptions {
  readonly clock?: Clock;
  /** Closed windows are deleted at most this often per instance (ms); default one minute. */
  readonly sweepEveryMs?: number;
}

export interface PostgresAttemptCounter extends AttemptCounter {
  /** Deletes every closed window now; returns how many. */
  sweep(): Promise<number>;
}

/**
 * Rate-limit counts in PostgreSQL (table `attempt_counts`, migration 006),
 * shared by every instance: the 11th wrong staff token is refused whichever
 * instance the ten before it reached. A hit is one statement: it opens the
 * key's window, counts in the open one, or reopens a closed one, and returns
 * the result, atomically under the row's lock. Keys are stored as SHA-256
 * digests (they name client addresses and phone numbers). Closed windows are
 * swept by the instance's hits, at most once every `sweepEveryMs`.
 *
 * Time is the instance's clock (as for every other store), so instances'
 * clocks should agree (NTP) within a small part of a window.
 */
export function createPostgresAttemptCounter(
  db: Database,
  options: PostgresAttemptCounterOptions = {},
): PostgresAttemptCounter {
  const clock = options.clock ?? systemClock;
  const sweepEveryMs = options.sweepEveryMs ?? 60_000;
  let lastSweep = Number.NEGATIVE_INFINITY;

  const sweep = async (): Promise<number> => {
    lastSweep = clock().getTime();
    const { rowCount } = await db.query('DELETE FROM attempt_counts WHERE expires_at <= $1', [clock()]);
    return rowCount ?? 0;
  };

  return {
    async hit(key, windowMs, amount = 1): Promise<AttemptWindow> {
      const now = clock();
      if (now.getTime() - lastSweep >= sweepEveryMs) await sweep();
      const { rows } = await db.query<{ count: number; expires_at: Date }>(
        `INSERT INTO attempt_counts AS c (key, window_start, expires_at, count)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET
           window_start = CASE WHEN c.expires_at <= EXCLUDED.window_start
                               THEN EXCLUDED.window_start ELSE c.window_start END,
           expires_at = CASE WHEN c.expires_at <= EXCLUDED.window_start
                             THEN EXCLUDED.expires_at ELSE c.expires_at END,
           count = CASE WHEN c.expires_at <= EXCLUDED.window_start
                        THEN EXCLUDED.count ELSE c.count + EXCLUDED.count END
         RETURNING count, expires_at`,
        [digest(key), now, new Date(now.getTime() + windowMs), amount],
      );
      const row = rows[0];
      if (row === undefined) throw new Error('attempt_counts: the upsert returned no row');
      return { count: row.count, resetsAt: row.expires_at.getTime() };
    },
    async reset(key) {
      await db.query('DELETE FROM attempt_counts WHERE key = $1', [digest(key)]);
    },
    sweep,
  };
}

const digest = (key: string): string => createHash('sha256').update(key).digest('base64url');
