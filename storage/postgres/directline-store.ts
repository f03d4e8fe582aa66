import type { Activity } from 'botbuilder';
import { type Clock, systemClock } from '../../bot/clock.js';
import { type Logger, silentLogger } from '../../bot/logger.js';
import {
  type ActivityPage,
  activityId,
  CONVERSATION_IDLE_MS,
  type DirectLineConversation,
  type DirectLineStore,
  MAX_ACTIVITIES_PER_CONVERSATION,
  parseWatermark,
} from '../../channels/directline/directline-store.js';
import { type Database, openDatabase } from './database.js';
import { startDirectLineStreams } from './directline-streams.js';
import { channelName } from './notify-listener.js';
import { jsonbText } from './pg-text.js';

/**
 * Web chat conversations in PostgreSQL (tables `directline_conversations` and
 * `directline_activities`, migration 005), so any instance serves any
 * conversation: started on A, posted to through B, its stream open on A.
 *
 * - An append is one statement: it takes the conversation's next number
 *   under its row lock, inserts the activity, deletes what falls beyond
 *   `maxActivities`, and NOTIFYs `conversation-id seq` (never any text) on
 *   commit. Appends to one conversation are thus numbered in commit order on
 *   every instance, and a reader that has seen N has seen everything before N.
 * - Each instance keeps one connection LISTENing (notify-listener.ts, opened
 *   again after a loss). A notification wakes that instance's streams of the
 *   conversation, which read the rows after their own cursor; an append on
 *   the instance itself wakes them at once (directline-streams.ts).
 * - A conversation idle longer than `idleMs` reads as gone; idle ones are
 *   deleted (activities with them) as conversations open, at most every
 *   SWEEP_EVERY_MS per instance. Reads mark a conversation used at most once
 *   per TOUCH_EVERY_MS (a polling client is not a write a second).
 * - Time comes from the injected clock. Activities are jsonb: key order is
 *   not kept, dates come back as ISO strings, U+0000 becomes U+FFFD.
 *
 * The store does not own the pool it is given (`openPostgresDirectLineStore`
 * opens one of its own); `close` stops its listener.
 */
export interface PostgresDirectLineStoreOptions {
  readonly db: Database;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly maxActivities?: number;
  readonly idleMs?: number;
  /** First wait before listening again after a lost connection (ms); default notify-listener's. */
  readonly reconnectMs?: number;
  readonly heartbeatMs?: number;
}

const SWEEP_EVERY_MS = 10 * 60 * 1000;
const SWEEP_BATCH = 100;
const TOUCH_EVERY_MS = 60 * 1000;

interface ConversationRow {
  id: string;
  user_id: string;
  staff: boolean;
  created_at: Date;
}

interface ActivityRow {
  seq: number;
  activity: Record<string, unknown>;
}

const toConversation = (row: ConversationRow): DirectLineConversation => ({
  id: row.id,
  userId: row.user_id,
  staff: row.staff,
  createdAt: row.created_at,
});

const toActivity = (conversationId: string, row: ActivityRow): Activity =>
  ({ ...row.activity, id: activityId(conversationId, row.seq) }) as unknown as Activity;

export async function createPostgresDirectLineStore(
  options: PostgresDirectLineStoreOptions,
): Promise<DirectLineStore> {
  const { db } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const maxActivities = options.maxActivities ?? MAX_ACTIVITIES_PER_CONVERSATION;
  const idleMs = options.idleMs ?? CONVERSATION_IDLE_MS;
  const touchEveryMs = Math.min(TOUCH_EVERY_MS, idleMs / 100);
  const channel = channelName('directline', db.schema);
  let closed = false;
  let lastSweep = Number.NEGATIVE_INFINITY;
  let sweeping: Promise<unknown> | undefined;

  const now = () => clock().getTime();
  const cutoff = () => new Date(now() - idleMs);

  const streams = await startDirectLineStreams({
    db,
    channel,
    logger,
    reconnectMs: options.reconnectMs,
    heartbeatMs: options.heartbeatMs,
    async read(conversationId, from) {
      const { rows } = await db.query<ActivityRow>(
        `SELECT seq, activity FROM directline_activities
          WHERE conversation_id = $1 AND seq >= $2 ORDER BY seq`,
        [conversationId, from],
      );
      return rows.map((row) => ({ seq: row.seq, activity: toActivity(conversationId, row) }));
    },
  });

  async function sweep(): Promise<number> {
    const before = cutoff();
    let dropped = 0;
    for (;;) {
      const { rowCount } = await db.query(
        `DELETE FROM directline_conversations WHERE id IN (
           SELECT id FROM directline_conversations WHERE last_used <= $1
            LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED)`,
        [before],
      );
      dropped += rowCount ?? 0;
      if ((rowCount ?? 0) < SWEEP_BATCH) return dropped;
    }
  }

  function sweepNowAndThen(): void {
    if (sweeping || now() - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now();
    sweeping = sweep()
      .catch((error: unknown) => logger.error('directline conversation sweep failed', { error }))
      .finally(() => {
        sweeping = undefined;
      });
  }

  const assertOpen = () => {
    if (closed) throw new Error('directline store: closed');
  };

  async function after(
    conversationId: string,
    watermark: string | undefined,
  ): Promise<ActivityPage | undefined> {
    assertOpen();
    const { rows } = await db.query<{
      next_seq: number;
      seq: number | null;
      activity: Record<string, unknown>;
    }>(
      `SELECT c.next_seq, a.seq, a.activity
         FROM directline_conversations c
         LEFT JOIN directline_activities a ON a.conversation_id = c.id AND a.seq >= $2
        WHERE c.id = $1 AND c.last_used > $3
        ORDER BY a.seq`,
      [conversationId, parseWatermark(watermark), cutoff()],
    );
    const first = rows[0];
    if (!first) return undefined;
    const activities = rows
      .filter((row): row is ActivityRow & { next_seq: number } => row.seq !== null)
      .map((row) => toActivity(conversationId, row));
    return { activities, watermark: String(first.next_seq) };
  }

  return {
    async open(id, userId, staff) {
      assertOpen();
      sweepNowAndThen();
      const at = clock();
      return db.transaction(async (client) => {
        // A conversation idle too long is gone: its id starts afresh.
        await client.query('DELETE FROM directline_conversations WHERE id = $1 AND last_used <= $2', [
          id,
          cutoff(),
        ]);
        const inserted = await client.query<ConversationRow>(
          `INSERT INTO directline_conversations (id, user_id, staff, created_at, last_used)
           VALUES ($1, $2, $3, $4, $4)
           ON CONFLICT (id) DO NOTHING
           RETURNING id, user_id, staff, created_at`,
          [id, userId, staff, at],
        );
        const created = inserted.rows[0];
        if (created) return { conversation: toConversation(created), created: true };
        const existing = await client.query<ConversationRow>(
          `UPDATE directline_conversations SET last_used = GREATEST(last_used, $2) WHERE id = $1
           RETURNING id, user_id, staff, created_at`,
          [id, at],
        );
        const row = existing.rows[0];
        if (!row) throw new Error('directline store: a conversation vanished while it was opened');
        return { conversation: toConversation(row), created: false };
      });
    },

    async get(id) {
      assertOpen();
      const { rows } = await db.query<ConversationRow>(
        `WITH live AS (
           SELECT id, user_id, staff, created_at, last_used FROM directline_conversations
            WHERE id = $1 AND last_used > $2
         ), touched AS (
           UPDATE directline_conversations c SET last_used = GREATEST(c.last_used, $3)
             FROM live WHERE c.id = live.id AND live.last_used < $4
         )
         SELECT id, user_id, staff, created_at FROM live`,
        [id, cutoff(), clock(), new Date(now() - touchEveryMs)],
      );
      return rows[0] ? toConversation(rows[0]) : undefined;
    },

    async append(conversationId, activity) {
      assertOpen();
      const { id: _ours, ...stored } = activity;
      const { rows } = await db.query<{ seq: number }>(
        `WITH next AS (
           UPDATE directline_conversations
              SET next_seq = next_seq + 1, last_used = GREATEST(last_used, $3)
            WHERE id = $1 AND last_used > $4
           RETURNING next_seq - 1 AS seq
         ), added AS (
           INSERT INTO directline_activities (conversation_id, seq, activity)
           SELECT $1, seq, $2::jsonb FROM next
         ), pruned AS (
           DELETE FROM directline_activities
            WHERE conversation_id = $1 AND seq <= (SELECT seq FROM next) - $5
         )
         SELECT seq, pg_notify($6, $1 || ' ' || seq) FROM next`,
        [conversationId, jsonbText(stored), clock(), cutoff(), maxActivities, channel],
      );
      const seq = rows[0]?.seq;
      if (seq === undefined) return undefined;
      streams.wake(conversationId, seq);
      return activityId(conversationId, seq);
    },

    after,

    async subscribe(conversationId, watermark, listener) {
      assertOpen();
      return streams.follow(conversationId, listener, async () => {
        const replay = await after(conversationId, watermark);
        if (!replay) return parseWatermark(watermark);
        if (replay.activities.length > 0) listener(replay);
        return Number(replay.watermark);
      });
    },

    async addUploads(conversationId, count, max) {
      assertOpen();
      const { rowCount } = await db.query(
        `UPDATE directline_conversations SET uploads = uploads + $2
          WHERE id = $1 AND last_used > $4 AND uploads + $2 <= $3`,
        [conversationId, count, max, cutoff()],
      );
      return rowCount === 1;
    },

    sweep: () => sweep(),

    async close() {
      closed = true;
      await streams.close();
      await sweeping;
    },
  };
}

export interface OpenPostgresDirectLineStoreOptions extends Omit<PostgresDirectLineStoreOptions, 'db'> {
  /** DATABASE_URL */
  readonly url: string;
  /** DATABASE_SCHEMA; already migrated (openPostgresStores does it). */
  readonly schema: string;
  /** Connections of its pool, the listening one included; default 4. */
  readonly max?: number;
}

/** The store on a small pool of its own (closed with it): one line in the composition root. */
export async function openPostgresDirectLineStore(
  options: OpenPostgresDirectLineStoreOptions,
): Promise<DirectLineStore> {
  const { url, schema, max, ...rest } = options;
  const db = await openDatabase({
    url,
    schema,
    max: max ?? 4,
    onError: (error) => rest.logger?.warn('directline database connection lost', { error }),
  });
  try {
    const store = await createPostgresDirectLineStore({ ...rest, db });
    return {
      ...store,
      async close() {
        await store.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
