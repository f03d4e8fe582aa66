import { createHash } from 'node:crypto';
import type pg from 'pg';
import { type Logger, silentLogger } from '../../bot/logger.js';
import type { Database } from './database.js';

/** First wait before listening again after the connection was lost; doubles up to MAX_RETRY_MS. */
export const RETRY_MS = 100;
export const MAX_RETRY_MS = 5_000;
/** How often the listening connection is asked a trivial query (a dead TCP connection is silent otherwise). */
export const HEARTBEAT_MS = 30_000;
/** PostgreSQL truncates identifiers (and refuses channel names) longer than this. */
const MAX_CHANNEL_BYTES = 63;

export interface NotifyListenerOptions {
  readonly db: Database;
  /** The channel to LISTEN on (any string; quoted). */
  readonly channel: string;
  /** Each notification's payload, in the order the server sends them. */
  readonly onNotify: (payload: string) => void;
  /**
   * Called once LISTEN is in place again after a lost connection: anything
   * notified meanwhile was missed, so the caller looks for it itself.
   */
  readonly onReconnect?: () => void;
  readonly logger?: Logger;
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
  readonly heartbeatMs?: number;
}

export interface NotifyListener {
  /** True while a connection is listening. */
  readonly listening: boolean;
  close(): Promise<void>;
}

/**
 * A channel name for LISTEN/NOTIFY. Notifications are per database, not per
 * schema: the schema is part of the name, so two deployments (or test runs)
 * sharing a database never hear each other.
 */
export function channelName(prefix: string, schema: string): string {
  const name = `${prefix}:${schema}`;
  if (Buffer.byteLength(name) <= MAX_CHANNEL_BYTES) return name;
  return `${prefix}:${createHash('sha256').update(schema).digest('hex').slice(0, 32)}`;
}

/**
 * One connection of the pool kept for LISTEN. When it is lost (the server
 * restarted, the network dropped, a heartbeat went unanswered) it is
 * discarded and another is opened, waiting RETRY_MS, then twice as long each
 * time up to MAX_RETRY_MS, until it listens again; then `onReconnect`.
 * Resolves once the first LISTEN is in place; rejects when it cannot be.
 */
export async function startNotifyListener(options: NotifyListenerOptions): Promise<NotifyListener> {
  const { db, channel, onNotify } = options;
  const logger = options.logger ?? silentLogger;
  const retryMs = options.retryMs ?? RETRY_MS;
  const maxRetryMs = options.maxRetryMs ?? MAX_RETRY_MS;
  const listen = `LISTEN "${channel.replaceAll('"', '""')}"`;
  let client: pg.PoolClient | undefined;
  /** Drops the current connection (once): called on its error or end, or a failed heartbeat. */
  let dropCurrent: ((error: Error) => void) | undefined;
  let closed = false;
  let wait = retryMs;
  let retry: NodeJS.Timeout | undefined;

  const schedule = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().then(
        () => options.onReconnect?.(),
        () => schedule(),
      );
    }, wait);
    retry.unref();
    wait = Math.min(wait * 2, maxRetryMs);
  };

  const connect = async (): Promise<void> => {
    const c = await db.connect();
    let dropped = false;
    const drop = (error: Error) => {
      if (dropped) return;
      dropped = true;
      c.off('notification', onNotification);
      if (client === c) {
        client = undefined;
        dropCurrent = undefined;
      }
      // Keeps an error listener: the broken connection may still emit one after it is released.
      c.on('error', () => undefined);
      c.release(error);
      if (!closed) {
        logger.warn('database notifications lost; listening again', { error: error.message });
        schedule();
      }
    };
    const onNotification = (message: pg.Notification) => {
      if (message.channel === channel) onNotify(message.payload ?? '');
    };
    c.on('error', drop);
    c.on('end', () => drop(new Error('connection ended')));
    c.on('notification', onNotification);
    try {
      await c.query(listen);
    } catch (error) {
      dropped = true;
      c.off('notification', onNotification);
      c.on('error', () => undefined);
      c.release(error instanceof Error ? error : true);
      throw error;
    }
    if (closed || dropped) {
      if (!dropped) drop(new Error('closed'));
      throw new Error('notify listener: closed or dropped while connecting');
    }
    client = c;
    dropCurrent = drop;
    wait = retryMs;
  };

  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const heartbeat = setInterval(() => {
    const c = client;
    const drop = dropCurrent;
    if (!c || !drop) return;
    let timer: NodeJS.Timeout | undefined;
    Promise.race([
      c.query('SELECT 1'),
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('heartbeat unanswered')), heartbeatMs);
      }),
    ])
      .catch((error: unknown) => drop(error instanceof Error ? error : new Error(String(error))))
      .finally(() => clearTimeout(timer));
  }, heartbeatMs);
  heartbeat.unref();

  try {
    await connect();
  } catch (error) {
    closed = true;
    clearInterval(heartbeat);
    throw error;
  }

  return {
    get listening() {
      return client !== undefined;
    },
    async close() {
      closed = true;
      clearInterval(heartbeat);
      clearTimeout(retry);
      const c = client;
      const drop = dropCurrent;
      client = undefined;
      dropCurrent = undefined;
      if (!c || !drop) return;
      await c.query('UNLISTEN *').catch(() => undefined);
      drop(new Error('closed'));
    },
  };
}
