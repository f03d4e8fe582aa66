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
import { type AddressLookup, createAddressLookup } from '../requests/geocoder/index.js';
import { AttemptLimiter, DEFAULT_ATTEMPT_LIMITS } from '../requests/liaison-attempt-limiter.js';
import { LiaisonService } from '../requests/liaison-service.js';
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
import { openLowdbStores, type Stores } from './stores.js';

/** The real emergency screen (understanding/emergency/) in the pipeline's terms. */
export const emergencyScreen: EmergencyScreen = {
  screen: screenEmergency,
  reply: emergencyReply,
  possibleLine: possibleEmergencyLine,
};

export interface RuntimeOptions {
  readonly config: Config;
  readonly logger: Logger;
  /** The stores, opened by the composition root; default lowdb in DATA_DIR (or in memory with `inMemory`). */
  readonly stores?: Stores;
  /** Without `stores`: keep everything in memory and a temporary folder (the `ask` tool, tests). */
  readonly inMemory?: boolean;
  readonly articlesDir?: string;
  readonly catalogFile?: string;
  readonly clock?: Clock;
  /** The address lookup; by default the one `config.geocoder` names (the offline sample unless set). */
  readonly geocoder?: AddressLookup;
  /** Where the AIS and generic adapters send their requests (tests: a loopback fake). */
  readonly fetch?: typeof fetch;
}

/** Everything a channel needs to run turns, built once per process. */
export interface Runtime {
  readonly bot: Bot;
  readonly articles: readonly Article[];
  readonly search: KnowledgeSearch;
  readonly catalog: ServiceCatalog;
  /** Service requests: the intake files here; Open311 and staff routers share it. */
  readonly requests: RequestService;
  /** Neighborhood Liaison accounts: the liaison dialog, staff router and notifier use it. */
  readonly liaisons: LiaisonService;
  /** Every store (state, requests, liaisons, conversation references, opt-outs, corrections). */
  readonly stores: Stores;
  readonly emergency: EmergencyScreen;
  /** Addresses to places, trash days and districts (never fails a turn); undefined with GEOCODER=none. */
  readonly geocoder?: AddressLookup;
  /** Flushes state and closes stores (clean shutdown). */
  close(): Promise<void>;
}

/**
 * Builds the bot the way every entry point uses it (`npm start`, `npm run ask`):
 * validated articles and catalog (a bad file stops start-up with an error
 * naming it), the search, the stores it is given (or lowdb ones), the dialogs.
 * It closes the stores on `close()` whoever opened them.
 */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const articles = await loadArticles(options.articlesDir ?? DEFAULT_ARTICLES_DIR);
  const catalog = await loadCatalog(options.catalogFile ?? DEFAULT_CATALOG_FILE, { topics: articles });
  const search = createKnowledgeSearch(articles);
  const stores =
    options.stores ??
    (await openLowdbStores({
      dataDir: config.dataDir,
      inMemory: options.inMemory,
      stateIdleMinutes: config.stateIdleMinutes,
      conversationRetentionDays: config.conversationRetentionDays,
      clock,
      logger,
    }));
  const store = stores.requests;
  const calendar = createHolidayCalendar();
  const geocoder =
    options.geocoder ??
    (await createAddressLookup({
      settings: config.geocoder,
      timeoutMs: config.geocoderTimeoutMs,
      logger,
      fetch: options.fetch,
    }));
  if (!options.geocoder) logger.info('geocoder', { geocoder: config.geocoder.kind });
  // The geocoder also places what Open311 clients file by address alone (RequestService.locate).
  const requests = new RequestService({ store, catalog, calendar, clock, logger, geocoder });
  const dialogDeps = { catalog, requests, clock, logger };
  // Liaison accounts: what a linked identity files carries the account id and neighborhood.
  const liaisons = new LiaisonService({
    store: stores.liaisons,
    requests,
    notes: store,
    clock,
    logger,
    // Wrong link codes counted on every instance when the stores share them (PostgreSQL).
    limiter: new AttemptLimiter(clock, DEFAULT_ATTEMPT_LIMITS, stores.attempts),
  });
  const intake: Dialog | undefined = new IntakeDialog({
    ...dialogDeps,
    geocoder,
    requests: attributeLiaisonRequests(requests, liaisons),
  });
  const dialogs: Dialog[] = [
    new StatusDialog(dialogDeps),
    new MyRequestsDialog(dialogDeps),
    new LiaisonDialog({ liaisons, intake: dialogDeps }),
  ];
  const bot = createBot({
    storage: stores.state,
    search,
    articles,
    cityName: config.cityName,
    intake,
    dialogs,
    clock,
    calendar,
    geocoder,
  });
  return {
    bot,
    articles,
    search,
    catalog,
    requests,
    liaisons,
    stores,
    emergency: emergencyScreen,
    geocoder,
    close: () => stores.close(),
  };
}
