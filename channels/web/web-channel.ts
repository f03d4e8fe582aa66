import type { Server } from 'node:http';
import type { BotAdapter } from 'botbuilder';
import type { Mount } from '../../bot/app.js';
import type { Clock } from '../../bot/clock.js';
import { systemClock } from '../../bot/clock.js';
import type { Config } from '../../bot/config.js';
import type { CorrectionsStore } from '../../bot/corrections-store.js';
import type { Logger } from '../../bot/logger.js';
import type { TurnQueue } from '../../bot/turn-queue.js';
import type { Article } from '../../knowledge/types.js';
import type { FailedAttempts } from '../../requests/failed-attempts.js';
import { ConsoleAdapter } from '../console/index.js';
import {
  createDirectLine,
  DIRECT_LINE_MOUNT_PATH,
  type DirectLine,
  type DirectLineStore,
  type TurnLogic,
} from '../directline/index.js';
import type { StaffAuth } from './staff-auth.js';
import { createStaffRouter } from './staff-router.js';
import { consoleQuestionRunner } from './test-set.js';
import { createWebRouter } from './web-router.js';

/** The channel id test-set questions run under (kept apart from residents' conversations). */
export const STAFF_TEST_CHANNEL_ID = 'staff-test';

export interface WebChannelDeps {
  readonly config: Pick<
    Config,
    'cityName' | 'dataDir' | 'uploadDir' | 'publicUrl' | 'directLineSecret' | 'staffToken'
  >;
  readonly articles: readonly Article[];
  /** The bot's turn logic, `(context) => bot.run(context)`. */
  readonly logic: TurnLogic;
  /** Registers the turn pipeline on an adapter: `(adapter) => usePipeline(adapter, deps)`. */
  readonly setup: (adapter: BotAdapter) => unknown;
  /**
   * The pipeline for staff test-set runs; default `setup`. Pass one without the
   * conversation-reference step: nobody is ever notified there, and each
   * question is a conversation of its own.
   */
  readonly setupTestRuns?: (adapter: BotAdapter) => unknown;
  /** Wrong staff tokens, counted per client (shared by every instance on PostgreSQL). */
  readonly staffAttempts?: FailedAttempts;
  /** Staff corrections of answers (the console's "correct this answer"). */
  readonly corrections: CorrectionsStore;
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly queue?: TurnQueue;
  /**
   * Web chat conversations; default in memory (one process). With several
   * instances, the PostgreSQL one, so any instance serves any conversation.
   */
  readonly directLineStore?: DirectLineStore;
}

export interface WebChannel {
  /** Mount in this order, before the app's 404. */
  readonly mounts: readonly Mount[];
  /**
   * Mount at /api/requests just before the staff requests router: lets the
   * console's session cookie act as the STAFF_TOKEN Bearer header.
   */
  readonly requestsSessionBridge: Mount;
  /** Register with the notifier under DIRECT_LINE_CHANNEL_ID ('directline'). */
  readonly directLine: DirectLine;
  readonly staffAuth: StaffAuth;
  /** For the start-up log. */
  readonly status: { readonly name: string; readonly on: boolean; readonly detail: string };
  /**
   * Adds the Direct Line WebSocket stream to the listening server. Returns a
   * detach function: call it before `server.close()` on shutdown, or open
   * streams keep the server from closing.
   */
  attach(server: Server): () => void;
}

/**
 * Everything web: our Direct Line endpoint, the resident pages and published
 * knowledge base, and the staff console (corrections in the store it is given,
 * test sets run through the pipeline on a ConsoleAdapter).
 */
export async function createWebChannel(deps: WebChannelDeps): Promise<WebChannel> {
  const clock = deps.clock ?? systemClock;
  const { config, logger } = deps;
  if (!config.directLineSecret) {
    logger.info(
      'DIRECTLINE_SECRET is not set: web chat tokens are signed with a random secret for this process, ' +
        'so they stop working on a restart and are refused by any other instance',
    );
  }
  const directLine = createDirectLine({
    logic: deps.logic,
    clock,
    logger,
    dataDir: config.dataDir,
    uploadDir: config.uploadDir,
    queue: deps.queue,
    store: deps.directLineStore,
    publicUrl: config.publicUrl,
    tokenSecret: config.directLineSecret,
    botName: `${config.cityName} 311`,
  });
  deps.setup(directLine.adapter);
  const testAdapter = new ConsoleAdapter({ channelId: STAFF_TEST_CHANNEL_ID, queue: deps.queue });
  (deps.setupTestRuns ?? deps.setup)(testAdapter);
  const { corrections } = deps;
  const staff = createStaffRouter({
    staffAttempts: deps.staffAttempts,
    cityName: config.cityName,
    staffToken: config.staffToken,
    clock,
    logger,
    articles: deps.articles,
    directLine,
    corrections,
    runQuestion: consoleQuestionRunner(testAdapter, deps.logic),
  });
  const web = createWebRouter({ cityName: config.cityName, articles: deps.articles, directLine });
  return {
    mounts: [
      { path: DIRECT_LINE_MOUNT_PATH, handler: directLine.router },
      { path: '/', handler: web },
      { path: '/', handler: staff.router },
    ],
    requestsSessionBridge: { path: '/api/requests', handler: staff.auth.sessionAsBearer },
    directLine,
    staffAuth: staff.auth,
    status: {
      name: 'web',
      on: true,
      detail:
        `GET / (chat), /kb (answers), ${DIRECT_LINE_MOUNT_PATH} (Direct Line 3.0 + WebSocket), /staff ` +
        (config.staffToken ? '(console)' : '(off: set STAFF_TOKEN)'),
    },
    attach: (server) => directLine.attachWebSocket(server),
  };
}
