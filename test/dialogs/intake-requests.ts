import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHolidayCalendar } from '../../knowledge/holiday-calendar.js';
import type { ServiceCatalog } from '../../knowledge/service-catalog.js';
import type { ServiceCode } from '../../knowledge/types.js';
import { createLowdbRequestStore } from '../../requests/lowdb-request-store.js';
import { RequestService } from '../../requests/request-service.js';
import type { Location, Requester, RequestStore, ServiceRequest } from '../../requests/types.js';

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
