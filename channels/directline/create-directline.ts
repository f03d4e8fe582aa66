import type { Server } from 'node:http';
import path from 'node:path';
import type { Router } from 'express';
import type { Clock } from '../../bot/clock.js';
import type { Logger } from '../../bot/logger.js';
import type { TurnQueue } from '../../bot/turn-queue.js';
import { ConversationLog } from './conversation-log.js';
import { DirectLineAdapter, type TurnLogic } from './directline-adapter.js';
import { createDirectLineRouter } from './directline-router.js';
import { attachDirectLineSocket } from './directline-socket.js';
import type { DirectLineStore } from './directline-store.js';
import { randomSecret, TokenService } from './directline-token.js';
import { UploadStore } from './upload-store.js';

export const DIRECT_LINE_MOUNT_PATH = '/directline';
export const MEDIA_PATH = '/media';

export interface DirectLineDeps {
  /** The bot's turn logic, e.g. `(context) => bot.run(context)`. */
  readonly logic: TurnLogic;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly dataDir: string;
  /** Where photos are kept (UPLOAD_DIR); default DATA_DIR/uploads. Instances share one folder. */
  readonly uploadDir?: string;
  readonly queue?: TurnQueue;
  readonly publicUrl?: string;
  /** Signs tokens; random per process when absent (tokens then end with the process, like conversations). */
  readonly tokenSecret?: string | Buffer;
  readonly botName?: string;
  /**
   * Conversations and activities; default in memory (ConversationLog, one
   * process). With several instances, a shared store (storage/postgres/) so
   * any instance serves any conversation; the caller closes it.
   */
  readonly store?: DirectLineStore;
  /** For tests: smaller bounds and token lifetime. */
  readonly tokenLifetimeSeconds?: number;
  /** Bounds of the default in-memory store (ignored with `store`). */
  readonly limits?: { maxActivities?: number; maxConversations?: number; idleMs?: number; maxBytes?: number };
}

export interface DirectLine {
  /** Mount at DIRECT_LINE_MOUNT_PATH. */
  readonly router: Router;
  /** Register the pipeline on it (`usePipeline(adapter, ...)`); the notifier sends through it. */
  readonly adapter: DirectLineAdapter;
  readonly tokens: TokenService;
  readonly uploads: UploadStore;
  readonly store: DirectLineStore;
  /** Adds the WebSocket stream to the HTTP server; returns a detach function. */
  attachWebSocket(server: Server): () => void;
}

/** Our own Direct Line 3.0 endpoint with its Bot Framework adapter. */
export function createDirectLine(deps: DirectLineDeps): DirectLine {
  const store = deps.store ?? new ConversationLog({ clock: deps.clock, ...deps.limits });
  const tokens = new TokenService(deps.tokenSecret ?? randomSecret(), deps.clock, deps.tokenLifetimeSeconds);
  const uploads = new UploadStore(deps.uploadDir ?? path.join(deps.dataDir, 'uploads'));
  const adapter = new DirectLineAdapter({
    store,
    logic: deps.logic,
    clock: deps.clock,
    logger: deps.logger,
    queue: deps.queue,
    bot: { id: 'bot', name: deps.botName ?? 'Bot' },
  });
  const router = createDirectLineRouter({
    adapter,
    store,
    tokens,
    uploads,
    logger: deps.logger,
    publicUrl: deps.publicUrl,
    mediaPath: MEDIA_PATH,
  });
  return {
    router,
    adapter,
    tokens,
    uploads,
    store,
    attachWebSocket: (server) =>
      attachDirectLineSocket(server, {
        store,
        tokens,
        logger: deps.logger,
        mountPath: DIRECT_LINE_MOUNT_PATH,
      }),
  };
}
