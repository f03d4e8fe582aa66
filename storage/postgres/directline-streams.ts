import type { Activity } from 'botbuilder';
import type { Logger } from '../../bot/logger.js';
import type { ActivityListener, ActivityPage } from '../../channels/directline/directline-store.js';
import type { Database } from './database.js';
import { startNotifyListener } from './notify-listener.js';

/** A stream whose read failed tries again after this long. */
const PULL_RETRY_MS = 1_000;

/**
 * The Direct Line streams open on this instance, following their
 * conversations in PostgreSQL (used by directline-store.ts).
 *
 * Each stream has a cursor: every activity before it was handed over. A
 * stream is woken by a NOTIFY `conversation-id seq` from any instance (one
 * LISTEN connection per instance) or at once by an append on this one; it
 * then reads its conversation's rows from its cursor on. Appends to one
 * conversation commit in number order (the row lock of its next number), so
 * what a read finds has no gaps. Reads of one stream never overlap: a wake
 * during a read makes it read once more. After the LISTEN connection was
 * lost and opened again, every stream reads: nothing notified meanwhile is
 * missed.
 */
export interface DirectLineStreamsOptions {
  readonly db: Database;
  /** The NOTIFY channel appends use. */
  readonly channel: string;
  /** Activities of a conversation from number `from` on, in order. */
  readonly read: (conversationId: string, from: number) => Promise<readonly StoredActivity[]>;
  readonly logger: Logger;
  readonly reconnectMs?: number;
  readonly heartbeatMs?: number;
}

export interface StoredActivity {
  readonly seq: number;
  readonly activity: Activity;
}

export interface DirectLineStreams {
  /** Activity `seq` of a conversation was stored (here, or by another instance). */
  wake(conversationId: string, seq: number): void;
  /**
   * Follows a conversation: `replay` hands over what the stream missed and
   * returns the cursor after it; then each new activity goes to `listener`.
   */
  follow(
    conversationId: string,
    listener: ActivityListener,
    replay: () => Promise<number>,
  ): Promise<() => void>;
  close(): Promise<void>;
}

interface Stream {
  readonly conversationId: string;
  readonly listener: ActivityListener;
  cursor: number;
  reading: boolean;
  again: boolean;
  closed: boolean;
}

export async function startDirectLineStreams(options: DirectLineStreamsOptions): Promise<DirectLineStreams> {
  const { logger } = options;
  const streams = new Map<string, Set<Stream>>();
  let closed = false;

  async function pull(stream: Stream): Promise<void> {
    if (stream.reading) {
      stream.again = true;
      return;
    }
    stream.reading = true;
    try {
      do {
        stream.again = false;
        for (const { seq, activity } of await options.read(stream.conversationId, stream.cursor)) {
          if (stream.closed) return;
          stream.cursor = seq + 1;
          const page: ActivityPage = { activities: [activity], watermark: String(seq + 1) };
          stream.listener(page);
        }
      } while (stream.again && !stream.closed);
    } catch (error) {
      if (!stream.closed && !closed) {
        logger.warn('directline stream could not read new activities; trying again', { error });
        setTimeout(() => void pull(stream), PULL_RETRY_MS).unref();
      }
    } finally {
      stream.reading = false;
    }
  }

  function wake(conversationId: string, seq: number): void {
    for (const stream of streams.get(conversationId) ?? []) {
      if (stream.cursor <= seq) void pull(stream);
    }
  }

  const listener = await startNotifyListener({
    db: options.db,
    channel: options.channel,
    logger,
    retryMs: options.reconnectMs,
    heartbeatMs: options.heartbeatMs,
    onNotify(payload) {
      const space = payload.lastIndexOf(' ');
      const seq = Number(payload.slice(space + 1));
      if (space > 0 && Number.isInteger(seq)) wake(payload.slice(0, space), seq);
    },
    onReconnect() {
      for (const set of streams.values()) for (const stream of set) void pull(stream);
    },
  });

  return {
    wake,
    async follow(conversationId, streamListener, replay) {
      // Reading from the start: wakes during the replay only mark `again`, read once it is out.
      const stream: Stream = {
        conversationId,
        listener: streamListener,
        cursor: 0,
        reading: true,
        again: false,
        closed: false,
      };
      const set = streams.get(conversationId) ?? new Set();
      streams.set(conversationId, set);
      set.add(stream);
      const stop = () => {
        stream.closed = true;
        set.delete(stream);
        if (set.size === 0 && streams.get(conversationId) === set) streams.delete(conversationId);
      };
      try {
        stream.cursor = await replay();
      } catch (error) {
        stop();
        throw error;
      } finally {
        stream.reading = false;
      }
      if (stream.again) void pull(stream);
      return stop;
    },
    async close() {
      closed = true;
      for (const set of streams.values()) for (const stream of set) stream.closed = true;
      streams.clear();
      await listener.close();
    },
  };
}
