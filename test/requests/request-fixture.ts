import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express, { type Router } from 'express';
import { createHolidayCalendar } from '../../knowledge/holiday-calendar.js';
import { loadCatalog, type ServiceCatalog } from '../../knowledge/service-catalog.js';
import type { AddressLookup } from '../../requests/geocoder/index.js';
import { createLowdbRequestStore } from '../../requests/lowdb-request-store.js';
import { RequestService } from '../../requests/request-service.js';
import type { RequestStore } from '../../requests/types.js';
import { counter } from './request-store-contract.js';

/** The real request stack over a temporary lowdb file, with a settable clock. */
export interface RequestStack {
  readonly catalog: ServiceCatalog;
  readonly store: RequestStore;
  readonly requests: RequestService;
  /** Sets the clock. */
  at(iso: string): void;
  now(): Date;
  close(): Promise<void>;
}

export async function createRequestStack(
  start = '2026-05-22T14:00:00.000Z',
  options: { readonly geocoder?: AddressLookup } = {},
): Promise<RequestStack> {
  const dir = await mkdtemp(join(tmpdir(), 'requests-http-'));
  let now = new Date(start);
  const clock = () => now;
  const catalog = await loadCatalog();
  const store = await createLowdbRequestStore({ file: join(dir, 'requests.json'), newId: counter(), clock });
  const requests = new RequestService({
    store,
    catalog,
    calendar: createHolidayCalendar(),
    clock,
    ...(options.geocoder ? { geocoder: options.geocoder } : {}),
  });
  return {
    catalog,
    store,
    requests,
    at(iso) {
      now = new Date(iso);
    },
    now: clock,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** An express app with `router` mounted at `path`, listening on a free loopback port. */
export async function serve(path: string, router: Router): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.use(path, router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path === '/' ? '' : path}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
