import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BotAdapter } from 'botbuilder';
import {
  BOT_FRAMEWORK_CHANNEL_IDS,
  BOT_FRAMEWORK_PATH,
  botFrameworkChannel,
  botFrameworkRouter,
  createCloudAdapter,
} from '../channels/bot-framework/index.js';
import {
  DIRECTLINE_JOURNAL_FILE,
  openFileDirectLineStore,
} from '../channels/directline/directline-file-store.js';
import { DIRECT_LINE_CHANNEL_ID, DirectLineError, MEDIA_PATH } from '../channels/directline/index.js';
import { createMessagingChannels } from '../channels/messaging-channels.js';
import { createWebChannel } from '../channels/web/index.js';
import { createStaffNoticesRouter } from '../channels/web/staff-router.js';
import { FailedAttempts } from '../requests/failed-attempts.js';
import { createLiaisonRouter } from '../requests/liaison-router.js';
import { createOpen311Router } from '../requests/open311-router.js';
import { createStaffRequestsRouter } from '../requests/staff-requests-router.js';
import {
  createPostgresConversationLock,
  type PostgresConversationLock,
} from '../storage/postgres/conversation-lock.js';
import { openPostgresDirectLineStore } from '../storage/postgres/directline-store.js';
import { openPostgresStores } from '../storage/postgres/open-stores.js';
import { createApp, type Mount } from './app.js';
import { runWorkers } from './cluster.js';
import { type Config, ConfigError, type Env, loadConfig } from './config.js';
import { conversationReferenceMiddleware } from './conversation-store.js';
import { acquireDataDirLock, type DataDirLock, DataDirLockedError } from './data-dir-lock.js';
import { InboxWorker } from './inbox-worker.js';
import { defaultKeywordTexts, keywordsMiddleware } from './keywords-middleware.js';
import { createLogger, type Logger } from './logger.js';
import { Notifier } from './notifier.js';
import { type PipelineDeps, usePipeline } from './pipeline.js';
import { createRuntime, type Runtime } from './runtime.js';
import { openLowdbStores, type Stores } from './stores.js';
import { TurnQueue } from './turn-queue.js';

/** Test seams: where files come from, where logs go, when to stop. `npm start` uses none of them. */
export interface MainOptions {
  readonly articlesDir?: string;
  readonly catalogFile?: string;
  readonly log?: (line: string) => void;
  /** Resolves to stop the server (besides SIGINT/SIGTERM). */
  readonly stop?: Promise<unknown>;
  readonly onListening?: (url: string) => void;
}

const OPEN311_PATH = '/open311/v2';

/** A channel as the start-up log reports it. */
interface ChannelStatus {
  readonly name: string;
  readonly on: boolean;
  readonly detail: string;
}

/**
 * The composition root: reads the environment once, builds the bot, mounts
 * every channel whose credentials are set, serves HTTP on PORT until SIGINT or
 * SIGTERM, then flushes state and closes stores. Resolves with the exit code.
 */
export async function main(env: Env, options: MainOptions = {}): Promise<number> {
  const write = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      write(`Configuration error: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, write });

  // lowdb: one process per DATA_DIR, taken before any store opens (two would overwrite each other's
  // files). PostgreSQL: any number of instances share the database; no lock.
  let lock: DataDirLock | undefined;
  if (!config.database) {
    try {
      lock = await acquireDataDirLock(config.dataDir);
    } catch (error) {
      const holder = error instanceof DataDirLockedError ? error.holder : undefined;
      logger.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`, {
        ...(error instanceof DataDirLockedError ? { lock: error.file } : { dataDir: config.dataDir }),
        // As an object, so the logger's phone-number redaction leaves the date and host as written.
        ...(holder === undefined ? {} : { holder: { ...holder } }),
      });
      return 1;
    }
    if (lock.tookOver) {
      logger.warn(
        `took over ${lock.file}: the lock of pid ${lock.tookOver.pid}, which is no longer running`,
        {
          lock: lock.file,
          pid: lock.tookOver.pid,
        },
      );
    }
  }
  const releaseLock = async () => {
    await lock?.release();
  };

  // Every store opens here, from the configuration: PostgreSQL when DATABASE_URL is set, else lowdb files.
  let stores: Stores;
  try {
    stores = config.database
      ? await openPostgresStores({
          database: config.database,
          stateIdleMinutes: config.stateIdleMinutes,
          conversationRetentionDays: config.conversationRetentionDays,
          logger,
        })
      : await openLowdbStores({
          dataDir: config.dataDir,
          stateIdleMinutes: config.stateIdleMinutes,
          conversationRetentionDays: config.conversationRetentionDays,
          logger,
        });
  } catch (error) {
    const { code } = error as { code?: unknown };
    logger.error(
      `Cannot start: ${config.database ? 'the database: ' : ''}${error instanceof Error ? error.message : String(error)}`,
      {
        ...(typeof code === 'string' ? { code } : {}),
      },
    );
    await releaseLock();
    return 1;
  }

  let runtime: Runtime;
  try {
    runtime = await createRuntime({
      config,
      logger,
      stores,
      articlesDir: options.articlesDir,
      catalogFile: options.catalogFile,
    });
  } catch (error) {
    const { code, file } = error as { code?: unknown; file?: unknown };
    logger.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`, {
      ...(typeof code === 'string' ? { code } : {}),
      ...(typeof file === 'string' ? { file } : {}),
    });
    await stores.close().catch(() => undefined);
    await releaseLock();
    return 1;
  }
  const { bot } = runtime;
  // Across instances (PostgreSQL), a turn also holds its conversation's advisory lock.
  let turnLock: PostgresConversationLock | undefined;
  if (config.database) {
    try {
      turnLock = await createPostgresConversationLock({
        url: config.database.url,
        schema: config.database.schema,
        max: config.database.poolSize * 2,
      });
    } catch (error) {
      logger.error(
        `Cannot start: the database: ${error instanceof Error ? error.message : String(error)}`,
        {},
      );
      await runtime.close().catch(() => undefined);
      return 1;
    }
  }
  const queue = new TurnQueue(turnLock);
  const mounts: Mount[] = [];
  const channels: ChannelStatus[] = [];
  /** Run in reverse order on shutdown, after the server stops taking requests (stores, channels). */
  const closers: (() => Promise<void>)[] = [];
  /** Run once the server listens (e.g. a WebSocket upgrade handler); may return a detach function. */
  const onListen: ((server: Server) => (() => void) | undefined)[] = [];
  let pipeline: PipelineDeps = { bot, emergency: runtime.emergency, logger };
  /** Registers the one pipeline (bot/pipeline.ts) on a channel's adapter. */
  const setup = <A extends BotAdapter>(adapter: A): A => usePipeline(adapter, pipeline);
  const shutdown = async () => {
    try {
      for (const close of closers.reverse()) await close();
      await runtime.close();
      await turnLock?.close();
    } finally {
      await releaseLock();
    }
  };

  try {
    // Who to reach later, and who asked not to be reached (pipeline steps 3 and 4; the notifier).
    const { conversations, optOuts } = runtime.stores;
    pipeline = {
      ...pipeline,
      recordReference: conversationReferenceMiddleware(conversations, logger),
      keywords: keywordsMiddleware({ optOuts, logger, texts: defaultKeywordTexts(config.cityName) }),
    };
    const notifier = new Notifier({
      conversations,
      optOuts,
      logger,
      serviceName: (code) => runtime.catalog.get(code)?.name,
      // Every linked identity of the liaison account that filed a request hears of it too.
      extraRecipients: (request) => runtime.liaisons.recipientsFor(request),
      // Notices are sent from the request store's outbox, queued with each change (started below).
      requests: runtime.stores.requests,
    });
    runtime.requests.addListener(notifier);

    // Bot Framework (Emulator, Azure Bot Service): always on; unauthenticated without an app id.
    // Set up after the pipeline is complete, so its turns get STOP/HELP and reference recording too.
    const cloud = setup(
      createCloudAdapter({
        appId: config.microsoftAppId,
        appPassword: config.microsoftAppPassword,
        tenantId: config.microsoftAppTenantId,
      }),
    );
    mounts.push({
      path: BOT_FRAMEWORK_PATH,
      handler: botFrameworkRouter({
        adapter: cloud,
        bot,
        queue,
        logger,
        authenticated: config.microsoftAppId !== undefined,
      }),
    });
    channels.push({
      name: 'bot-framework',
      on: true,
      detail: config.microsoftAppId
        ? `${BOT_FRAMEWORK_PATH} (Azure Bot Service credentials)`
        : `${BOT_FRAMEWORK_PATH} (no MICROSOFT_APP_ID: unauthenticated Emulator mode, loopback clients and loopback serviceUrls only)`,
    });
    // Its identities are namespaced ('bot-framework:emulator'): never the SMS, Slack, X or web-chat ones.
    for (const id of BOT_FRAMEWORK_CHANNEL_IDS) notifier.register(botFrameworkChannel(id), cloud);

    // SMS, Slack, X: each only when its credentials are set. Each delivery is stored in the inbox
    // before the provider is answered, and marked done once its turn's state is stored.
    const inbox = new InboxWorker({
      inbox: runtime.stores.inbox,
      settled: () => runtime.stores.state.settled(),
      logger,
      leaseMs: config.inboxLeaseSeconds * 1000,
      recoverEveryMs: Math.min(10_000, (config.inboxLeaseSeconds * 1000) / 2),
    });
    const messaging = createMessagingChannels({
      config,
      bot,
      queue,
      logger,
      optOuts,
      inbox,
      setup,
      state: runtime.stores.state,
    });
    for (const channel of messaging.channels) {
      mounts.push({ path: '/', handler: channel.router });
      notifier.register(channel.id, channel.adapter);
    }
    channels.push(...messaging.status);
    closers.push(async () => {
      await inbox.stop();
      await messaging.idle();
      await messaging.close();
    });
    // Messages acknowledged before a crash, left pending: run them now (and look again every few seconds).
    inbox.start();

    // Web chat (our Direct Line), resident pages, the published knowledge base, the staff console.
    // Web chat conversations in PostgreSQL when several instances share the work (LISTEN/NOTIFY between them);
    // else in memory, journaled to DATA_DIR/directline.jsonl so they survive a restart.
    const directLineStore = config.database
      ? await openPostgresDirectLineStore({
          url: config.database.url,
          schema: config.database.schema,
          logger,
        })
      : await openFileDirectLineStore({ file: join(config.dataDir, DIRECTLINE_JOURNAL_FILE), logger });
    closers.push(() => directLineStore.close());
    const web = await createWebChannel({
      directLineStore,
      staffAttempts: new FailedAttempts({ counter: runtime.stores.attempts }),
      config,
      articles: runtime.articles,
      logic: bot.run,
      setup,
      // Staff test-set questions: nobody to notify, so no conversation references.
      setupTestRuns: (adapter) => usePipeline(adapter, { ...pipeline, recordReference: undefined }),
      corrections: runtime.stores.corrections,
      logger,
      queue,
    });
    notifier.register(DIRECT_LINE_CHANNEL_ID, web.directLine.adapter);
    // Every channel is registered: send what the outbox holds, then each change at once (and poll).
    notifier.start();
    closers.push(() => notifier.stop());
    onListen.push((server) => web.attach(server));
    channels.push(web.status);

    // Machines and staff: Open311 GeoReport v2 and the staff requests API, one set of records.
    mounts.push({
      path: OPEN311_PATH,
      handler: createOpen311Router({
        requests: runtime.requests,
        catalog: runtime.catalog,
        apiKey: config.open311ApiKey,
        jurisdictionId: config.open311JurisdictionId,
        corsOrigins: config.open311CorsOrigins,
        cityBounds: config.cityBounds,
        // A photo posted as `media` is checked and kept like a web-chat upload, served at /media.
        storeMedia: async (bytes, origin) => {
          try {
            const { name } = await web.directLine.uploads.save(bytes);
            return {
              url: `${config.publicUrl ?? origin}${MEDIA_PATH}/${name}`,
              discard: () => web.directLine.uploads.remove(name),
            };
          } catch (error) {
            if (error instanceof DirectLineError) return { refused: error.message };
            throw error;
          }
        },
        // A Neighborhood Liaison's account is attributed only through the liaison's own channels.
        isLiaisonAccount: async (id) => (await runtime.liaisons.get(id)) !== undefined,
        endpointUrl: config.publicUrl ? `${config.publicUrl}${OPEN311_PATH}` : undefined,
        logger,
      }),
    });
    mounts.push(web.requestsSessionBridge);
    mounts.push({
      path: '/api/requests',
      handler: createStaffRequestsRouter({
        requests: runtime.requests,
        catalog: runtime.catalog,
        staffToken: config.staffToken,
        // One count of wrong staff tokens per client across every staff entry point.
        staffAttempts: web.staffAuth.attempts,
        logger,
      }),
    });
    // Liaison accounts (/api/liaisons, /api/neighborhoods): Bearer STAFF_TOKEN or the console's session.
    mounts.push({ path: '/api/liaisons', handler: web.staffAuth.sessionAsBearer });
    mounts.push({ path: '/api/neighborhoods', handler: web.staffAuth.sessionAsBearer });
    mounts.push({
      path: '/',
      handler: createLiaisonRouter({
        liaisons: runtime.liaisons,
        staffToken: config.staffToken,
        staffAttempts: web.staffAuth.attempts,
        serviceName: (code) => runtime.catalog.get(code)?.name,
        logger,
      }),
    });
    // Status notices not sent yet or given up: Bearer STAFF_TOKEN or the console's session.
    mounts.push({
      path: '/',
      handler: createStaffNoticesRouter({ notices: runtime.stores.requests.outbox, auth: web.staffAuth }),
    });
    mounts.push(...web.mounts);
  } catch (error) {
    logger.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`, {});
    await shutdown();
    return error instanceof ConfigError ? 2 : 1;
  }

  const app = createApp({
    articles: runtime.articles,
    logger,
    mounts,
    trustProxy: config.trustProxy,
    ready: () => runtime.stores.ready(),
  });
  let server: Server;
  try {
    server = await listen(app, config.port);
  } catch (error) {
    logger.error(`Cannot listen on port ${config.port}`, { error });
    await shutdown();
    return 1;
  }
  const detach = onListen.map((attach) => attach(server));
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  logger.info('listening', {
    url,
    port: (server.address() as AddressInfo).port,
    store: config.database ? `postgres (schema ${config.database.schema})` : `lowdb (${config.dataDir})`,
  });
  logStatus(logger, channels, runtime);
  options.onListening?.(url);

  const signal = await waitForStop(options.stop);
  logger.info('shutting down', { signal });
  for (const d of detach) d?.();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  try {
    await shutdown();
  } catch (error) {
    logger.error('could not flush state on shutdown', { error });
    return 1;
  }
  logger.info('stopped');
  return 0;
}

function listen(app: ReturnType<typeof createApp>, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

function logStatus(logger: Logger, channels: readonly ChannelStatus[], runtime: Runtime): void {
  for (const c of channels) logger.info(`channel ${c.name}: ${c.on ? 'on' : 'off'} - ${c.detail}`);
  logger.info('knowledge base loaded', {
    articles: runtime.articles.length,
    services: runtime.catalog.services.length,
  });
}

function waitForStop(stop?: Promise<unknown>): Promise<string> {
  return new Promise((resolve) => {
    const on = (name: string) => () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(name);
    };
    const onInt = on('SIGINT');
    const onTerm = on('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    stop?.then(on('stop'), on('stop'));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // An optional .env in the working directory; variables already set win.
  if (existsSync('.env')) process.loadEnvFile('.env');
  // WORKERS > 1: this process forks the instances; each runs main() (bot/cluster.ts).
  runWorkers(process.env, () => main(process.env)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`Fatal: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
