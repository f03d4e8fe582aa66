import { type Clock, systemClock } from '../../bot/clock.js';
import type { OptOutStore } from '../../bot/opt-out-store.js';
import type { Database } from './database.js';
import { pgText } from './pg-text.js';

/**
 * Opt-outs (STOP) in PostgreSQL (table `opt_outs`, migration 003): one row per
 * person and channel, so an opt-out taken by one instance holds for every
 * other at once. The first opt-out's keyword and time are kept (a second STOP
 * changes nothing); START deletes the row. Every call is one statement on the
 * primary key, stored before it resolves.
 */
export function createPostgresOptOutStore(db: Database, clock: Clock = systemClock): OptOutStore {
  return {
    async isOptedOut(channel, userId) {
      const { rowCount } = await db.query('SELECT 1 FROM opt_outs WHERE channel = $1 AND user_id = $2', [
        pgText(channel),
        pgText(userId),
      ]);
      return (rowCount ?? 0) > 0;
    },
    async optOut(channel, userId, keyword) {
      await db.query(
        `INSERT INTO opt_outs (channel, user_id, keyword, opted_out_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (channel, user_id) DO NOTHING`,
        [pgText(channel), pgText(userId), pgText(keyword), clock()],
      );
    },
    async optIn(channel, userId) {
      await db.query('DELETE FROM opt_outs WHERE channel = $1 AND user_id = $2', [
        pgText(channel),
        pgText(userId),
      ]);
    },
  };
}
