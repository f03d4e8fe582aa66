import { systemClock } from '../../bot/clock.js';
import {
  type ConversationStore,
  type ConversationStoreOptions,
  DEFAULT_RETENTION_DAYS,
  type StoredReference,
  trimmedJson,
} from '../../bot/conversation-store.js';
import { silentLogger } from '../../bot/logger.js';
import type { Database } from './database.js';
import { jsonbSafe, pgText } from './pg-text.js';

/**
 * Conversation references in PostgreSQL (table `conversation_references`,
 * migration 003), for several instances sharing one database: what one
 * instance records, the notifier of any other finds.
 *
 * - A save is one upsert that rewrites the row only when the reference changed
 *   or was last written a day or more ago (a use refreshes it at most daily,
 *   as the lowdb store does), so a busy conversation costs no write per turn.
 * - Only the trimmed reference is kept (bot/conversation-store.ts's
 *   `trimmedJson`: no message ids, no text).
 * - References unused for longer than the retention time read as absent and
 *   are deleted at open and, as saves go by, at most hourly per instance.
 */
const DAY_MS = 24 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 60 * 1000;
const SWEEP_BATCH = 1_000;

export async function createPostgresConversationStore(
  db: Database,
  options: ConversationStoreOptions = {},
): Promise<ConversationStore> {
  const { clock = systemClock, retentionDays = DEFAULT_RETENTION_DAYS, logger = silentLogger } = options;
  const retentionMs = retentionDays * DAY_MS;
  const cutoff = () => new Date(clock().getTime() - retentionMs);
  let lastSweep = 0;
  let sweeping: Promise<unknown> | undefined;

  async function sweep(): Promise<number> {
    const before = cutoff();
    let dropped = 0;
    for (;;) {
      const { rowCount } = await db.query(
        `DELETE FROM conversation_references WHERE (channel, conversation_id) IN (
           SELECT channel, conversation_id FROM conversation_references WHERE updated_at < $1
            LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED)`,
        [before],
      );
      dropped += rowCount ?? 0;
      if ((rowCount ?? 0) < SWEEP_BATCH) return dropped;
    }
  }

  /** Starts a sweep when the last one is an hour old; a failure is logged, never a save's. */
  function sweepNowAndThen(now: number): void {
    if (sweeping || now - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now;
    sweeping = sweep()
      .catch((error: unknown) => logger.error('conversation reference sweep failed', { error }))
      .finally(() => {
        sweeping = undefined;
      });
  }

  lastSweep = clock().getTime();
  const dropped = await sweep();
  if (dropped > 0) logger.info('expired conversation references dropped', { count: dropped });

  const one = async (sql: string, values: unknown[]): Promise<StoredReference | undefined> => {
    const { rows } = await db.query<{ reference: StoredReference }>(sql, values);
    return rows[0]?.reference;
  };

  return {
    async save(reference) {
      const channel = reference.channelId;
      const id = reference.conversation?.id;
      if (!channel || !id) return;
      const now = clock();
      await db.query(
        `INSERT INTO conversation_references AS c (channel, conversation_id, user_id, reference, updated_at)
         VALUES ($1, $2, $3, $4::jsonb, $5)
         ON CONFLICT (channel, conversation_id) DO UPDATE
           SET user_id = EXCLUDED.user_id, reference = EXCLUDED.reference, updated_at = EXCLUDED.updated_at
           WHERE c.reference <> EXCLUDED.reference OR c.updated_at <= $6`,
        [
          pgText(channel),
          pgText(id),
          reference.user?.id === undefined ? null : pgText(reference.user.id),
          jsonbSafe(trimmedJson(reference)),
          now,
          new Date(now.getTime() - DAY_MS),
        ],
      );
      sweepNowAndThen(now.getTime());
    },
    get: (channel, conversationId) =>
      one(
        `SELECT reference FROM conversation_references
          WHERE channel = $1 AND conversation_id = $2 AND updated_at >= $3`,
        [pgText(channel), pgText(conversationId), cutoff()],
      ),
    findByUser: (channel, userId) =>
      one(
        `SELECT reference FROM conversation_references
          WHERE channel = $1 AND user_id = $2 AND updated_at >= $3
          ORDER BY updated_at DESC LIMIT 1`,
        [pgText(channel), pgText(userId), cutoff()],
      ),
    async close() {
      await sweeping;
    },
  };
}
