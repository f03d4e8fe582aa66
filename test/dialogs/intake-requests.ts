import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Storage, TestAdapter } from 'botbuilder';
import { IntakeDialog } from '../../dialogs/intake-dialog.js';
import { createHolidayCalendar } from '../../knowledge/holiday-calendar.js';
import { loadCatalog, type ServiceCatalog } from '../../knowledge/service-catalog.js';
import type { ServiceCode } from '../../knowledge/types.js';
import { createLowdbRequestStore } from '../../requests/lowdb-request-store.js';
import { RequestService } from '../../requests/request-service.js';
import type { Location, Requester, RequestStore, ServiceRequest } from '../../requests/types.js';
import { createDialogBot, startsIntake } from './intake-harness.js';

/**
 * The real RequestService over a lowdb store in a temporary directory, with an
 * injected clock and tracking numbers, for the dialogs' transcript tests.
 */
export interface RealRequests {
  readonly service: RequestService;
  readonly store: RequestStore;
  /** The store's file; removing its directory makes the next write fail (a full or lost disk). */
  readonly dir: string;
  /** Everything stored, oldest first. */
  all(): Promise<ServiceRequest[]>;
  /** Files a request directly (someone else's report, an older one of this resident). */
  seed(
    serviceCode: string,
    address: string,
    requester: Requester,
    attributes?: Readonly<Record<string, string | readonly string[]>>,
  ): Promise<ServiceRequest>;
  close(): Promise<void>;
}

export async function realRequests(
  catalog: ServiceCatalog,
  clock: () => Date,
  ids: readonly string[],
): Promise<RealRequests> {
  const dir = await mkdtemp(join(tmpdir(), 'intake-'));
  const queue = [...ids];
  const store = await createLowdbRequestStore({
    file: join(dir, 'requests.json'),
    newId: () => queue.shift() ?? '19999999',
    clock,
  });
  const service = new RequestService({ store, catalog, calendar: createHolidayCalendar(), clock });
  return {
    service,
    store,
    dir,
    async all() {
      const found = await store.find({});
      return [...found].sort(
        (a, b) => a.requestedAt.localeCompare(b.requestedAt) || a.id.localeCompare(b.id),
      );
    },
    seed(serviceCode, address, requester, attributes = {}) {
      const location: Location = { address };
      const description = 'reported before';
      return service.file({
        serviceCode: serviceCode as ServiceCode,
        location,
        description,
        attributes,
        requester,
      });
    },
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** What a transcript suite of the intake works with; `requests` is fresh for every test. */
export interface IntakeSuite {
  readonly catalog: ServiceCatalog;
  readonly requests: RealRequests;
  /** A new store with these tracking numbers in place of this test's (to seed it first). */
  restart(ids: readonly string[]): Promise<RealRequests>;
  /** The real intake dialog over the suite's catalog and store, started as `service` (state in `storage`). */
  bot(service?: string, storage?: Storage): TestAdapter;
}

/**
 * Mocha hooks for an intake transcript suite: the shipped catalog once, a real
 * request store (numbered from `ids`) for every test, closed after it.
 */
export function useIntakeSuite(
  clock: () => Date,
  ids: readonly string[] = ['15123456', '15123457'],
): IntakeSuite {
  let catalog: ServiceCatalog | undefined;
  let requests: RealRequests | undefined;
  before(async () => {
    catalog = await loadCatalog();
  });
  beforeEach(async () => {
    requests = await realRequests(catalog!, clock, ids);
  });
  afterEach(async () => {
    await requests?.close();
  });
  return {
    get catalog() {
      return catalog!;
    },
    get requests() {
      return requests!;
    },
    async restart(next) {
      await requests?.close();
      requests = await realRequests(catalog!, clock, next);
      return requests;
    },
    bot: (service, storage) =>
      createDialogBot(
        [new IntakeDialog({ catalog: catalog!, requests: requests!.service, clock })],
        startsIntake(service),
        undefined,
        storage,
      ),
  };
}
