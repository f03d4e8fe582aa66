/**
 * The real application stack for end-to-end channel tests: configuration
 * parsed from env variables by loadConfig, the real runtime (knowledge base,
 * dialogs, bot state in a temporary DATA_DIR), the real pipeline with the
 * keywords and conversation-reference middleware, lowdb opt-outs and
 * conversations, the notifier, and the messaging channels mounted on the
 * real express app, listening on loopback. Only provider APIs are fakes
 * (their URLs come in through the env, as in production configuration).
 */

import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TurnContext } from 'botbuilder';
import { createApp } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { conversationReferenceMiddleware } from '../../bot/conversation-store.js';
import { defaultKeywordTexts, keywordsMiddleware } from '../../bot/keywords-middleware.js';
import { type Logger, silentLogger } from '../../bot/logger.js';
import { Notifier } from '../../bot/notifier.js';
import type { OptOutStore } from '../../bot/opt-out-store.js';
import { usePipeline } from '../../bot/pipeline.js';
import { createRuntime, type Runtime } from '../../bot/runtime.js';
import { TurnQueue } from '../../bot/turn-queue.js';
import { createMessagingChannels, type MessagingChannels } from '../../channels/messaging-channels.js';
import { memoryInboxWorker } from './inbox.js';

export interface ChannelStack {
  /** Where the app listens, e.g. http://127.0.0.1:1234. */
  readonly url: string;
  readonly dataDir: string;
  readonly runtime: Runtime;
  readonly notifier: Notifier;
  readonly optOuts: OptOutStore;
  readonly messaging: MessagingChannels;
  /** Waits until every turn in flight, and every status notice being sent, has finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface ChannelStackOptions {
  /**
   * Replaces the bot's turn logic while keeping everything around it (the
   * benchmark's "pipeline floor": the same app, state and channels with an
   * echo turn). End-to-end tests never set it.
   */
  readonly turn?: (context: TurnContext) => Promise<void>;
}

export async function startChannelStack(
  env: Record<string, string>,
  logger: Logger = silentLogger,
  options: ChannelStackOptions = {},
): Promise<ChannelStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'channels-e2e-'));
  const config = loadConfig({ ...env, DATA_DIR: dataDir, PORT: '0' });
  const runtime = await createRuntime({ config, logger });
  // The stores the runtime opened in DATA_DIR, as the composition root hands them out.
  const { optOuts, conversations } = runtime.stores;
  const inbox = memoryInboxWorker({ logger, inbox: runtime.stores.inbox });
  // Notices go out through the request store's outbox, as in production.
  const notifier = new Notifier({
    conversations,
    optOuts,
    logger,
    serviceName: (code) => runtime.catalog.get(code)?.name,
    requests: runtime.stores.requests,
  });
  const bot = options.turn ? { ...runtime.bot, run: options.turn } : runtime.bot;
  const pipeline = {
    bot,
    emergency: runtime.emergency,
    logger,
    recordReference: conversationReferenceMiddleware(conversations, logger),
    keywords: keywordsMiddleware({ optOuts, logger, texts: defaultKeywordTexts(config.cityName) }),
  };
  const messaging = createMessagingChannels({
    config,
    bot,
    queue: new TurnQueue(),
    logger,
    optOuts,
    inbox,
    setup: (adapter) => usePipeline(adapter, pipeline),
  });
  for (const channel of messaging.channels) notifier.register(channel.id, channel.adapter);
  runtime.requests.addListener(notifier);
  notifier.start();
  const app = createApp({
    articles: runtime.articles,
    logger,
    mounts: messaging.channels.map((c) => ({ path: '/', handler: c.router })),
    // As in production: forwarded headers count only from the proxies TRUST_PROXY names.
    trustProxy: config.trustProxy,
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    dataDir,
    runtime,
    notifier,
    optOuts,
    messaging,
    async idle() {
      await notifier.idle();
      await messaging.idle();
    },
    async close() {
      await notifier.stop();
      await messaging.idle();
      await messaging.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
