import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dialog } from '../dialogs/dialogs-lib.js';
import { IntakeDialog } from '../dialogs/intake-dialog.js';
import { attributeLiaisonRequests } from '../dialogs/liaison-attribution.js';
import { LiaisonDialog } from '../dialogs/liaison-dialog.js';
import { MyRequestsDialog } from '../dialogs/my-requests-dialog.js';
import { StatusDialog } from '../dialogs/status-dialog.js';
import { createHolidayCalendar } from '../knowledge/holiday-calendar.js';
import { DEFAULT_ARTICLES_DIR, loadArticles } from '../knowledge/index.js';
import { DEFAULT_CATALOG_FILE, loadCatalog, type ServiceCatalog } from '../knowledge/service-catalog.js';
import type { Article, KnowledgeSearch } from '../knowledge/types.js';
import { createLowdbLiaisonStore } from '../requests/liaison-lowdb-store.js';
import { LiaisonService } from '../requests/liaison-service.js';
import { createLowdbRequestStore } from '../requests/lowdb-request-store.js';
import { RequestService } from '../requests/request-service.js';
import {
  createKnowledgeSearch,
  emergencyReply,
  possibleEmergencyLine,
  screenEmergency,
} from '../understanding/index.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { Config } from './config.js';
import { type Bot, createBot } from './create-bot.js';
import type { EmergencyScreen } from './emergency-middleware.js';
import type { Logger } from './logger.js';
import { LowdbStorage } from './lowdb-storage.js';

/** The real emergency screen (understanding/emergency/) in the pipeline's terms. */
export const emergencyScreen: EmergencyScreen = {
  screen: screenEmergency,
  reply: emergencyReply,
  possibleLine: possibleEmergencyLine,
};

export interface RuntimeOptions {
  readonly config: Config;
  readonly logger: Logger;
  /** Keep state in memory (the `ask` tool, tests) instead of DATA_DIR/state.json. */
  readonly inMemory?: boolean;
  readonly articlesDir?: string;
  readonly catalogFile?: string;
  readonly clock?: Clock;
}

/** Everything a channel needs to run turns, built once per process. */
export interface Runtime {
  readonly bot: Bot;
  readonly articles: readonly Article[];
  readonly search: KnowledgeSearch;
  readonly catalog: ServiceCatalog;
  /** Service requests (DATA_DIR/requests.json): the intake files here; Open311 and staff routers share it. */
  readonly requests: RequestService;
  /** Neighborhood Liaison accounts (DATA_DIR/liaisons.json): the liaison dialog, staff router and notifier use it. */
  readonly liaisons: LiaisonService;
  readonly storage: LowdbStorage;
  readonly emergency: EmergencyScreen;
  /** Flushes state and closes stores (clean shutdown). */
  close(): Promise<void>;
}

/**
 * Builds the bot the way every entry point uses it (`npm start`, `npm run ask`):
 * validated articles and catalog (a bad file stops start-up with an error
 * naming it), the search, bot state on lowdb, the dialogs.
 */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const articles = await loadArticles(options.articlesDir ?? DEFAULT_ARTICLES_DIR);
  const catalog = await loadCatalog(options.catalogFile ?? DEFAULT_CATALOG_FILE, { topics: articles });
  const search = createKnowledgeSearch(articles);
  const storage = await LowdbStorage.open({
    ...(options.inMemory ? {} : { file: join(config.dataDir, 'state.json') }),
    idleMs: config.stateIdleMinutes * 60_000,
    clock,
    logger,
  });
  const closers: (() => Promise<void>)[] = [];
  // WIRE: intake - the request service and store (DATA_DIR/requests.json), the intake and status
  // dialogs; push their close() onto `closers`. In memory (`ask`, tests) the store lives in a temp dir.
  const scratch = options.inMemory ? await mkdtemp(join(tmpdir(), 'open311-bot-')) : undefined;
  const store = await createLowdbRequestStore({
    file: join(scratch ?? config.dataDir, 'requests.json'),
    clock,
  });
  closers.push(async () => {
    await store.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });
  const calendar = createHolidayCalendar();
  const requests = new RequestService({ store, catalog, calendar, clock, logger });
  const dialogDeps = { catalog, requests, clock, logger };
  // Liaison accounts: what a linked identity files carries the account id and neighborhood.
  const liaisonStore = await createLowdbLiaisonStore({
    file: join(scratch ?? config.dataDir, 'liaisons.json'),
  });
  closers.push(() => liaisonStore.close());
  const liaisons = new LiaisonService({ store: liaisonStore, requests, notes: store, clock, logger });
  const intake: Dialog | undefined = new IntakeDialog({
    ...dialogDeps,
    requests: attributeLiaisonRequests(requests, liaisons),
  });
  const dialogs: Dialog[] = [
    new StatusDialog(dialogDeps),
    new MyRequestsDialog(dialogDeps),
    new LiaisonDialog({ liaisons, intake: dialogDeps }),
  ];
  const bot = createBot({
    storage,
    search,
    articles,
    cityName: config.cityName,
    intake,
    dialogs,
    clock,
    calendar,
  });
  return {
    bot,
    articles,
    search,
    catalog,
    requests,
    liaisons,
    storage,
    emergency: emergencyScreen,
    async close() {
      for (const close of closers.reverse()) await close();
      await storage.close();
    },
  };
}
