import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHolidayCalendar } from '../../knowledge/holiday-calendar.js';
import { loadCatalog, type ServiceCatalog } from '../../knowledge/service-catalog.js';
import { AttemptLimiter, DEFAULT_ATTEMPT_LIMITS } from '../../requests/liaison-attempt-limiter.js';
import { createLowdbLiaisonStore } from '../../requests/liaison-lowdb-store.js';
import { LiaisonService } from '../../requests/liaison-service.js';
import type { LiaisonStore } from '../../requests/liaison-types.js';
import { createLowdbRequestStore } from '../../requests/lowdb-request-store.js';
import { RequestService } from '../../requests/request-service.js';
import type { RequestStore } from '../../requests/types.js';
import { counter } from './request-store-contract.js';

/** The real request and liaison stacks over temporary lowdb files, with a settable clock. */
export interface LiaisonStack {
  readonly dir: string;
  readonly catalog: ServiceCatalog;
  readonly store: RequestStore;
  readonly requests: RequestService;
  readonly liaisonStore: LiaisonStore;
  readonly liaisons: LiaisonService;
  /** The link codes the service will hand out next, in order. */
  readonly codes: string[];
  at(iso: string): void;
  now(): Date;
  close(): Promise<void>;
}

/** Fixed link codes (each with a digit, from the code alphabet). */
export const CODES = ['KM7Q4TXR9HWD', 'PX3N8VBC2RTY', 'HJ6W9ZQK4MNA', 'RT5Y7UPE3WQS', 'ZX2C4VBN6MKA'];

export async function createLiaisonStack(start = '2026-11-16T15:00:00.000Z'): Promise<LiaisonStack> {
  const dir = await mkdtemp(join(tmpdir(), 'liaisons-'));
  let now = new Date(start);
  const clock = () => now;
  const catalog = await loadCatalog();
  const store = await createLowdbRequestStore({ file: join(dir, 'requests.json'), newId: counter(), clock });
  const requests = new RequestService({ store, catalog, calendar: createHolidayCalendar(), clock });
  let accounts = 0;
  const liaisonStore = await createLowdbLiaisonStore({
    file: join(dir, 'liaisons.json'),
    newId: () => `LACCT${++accounts}`,
  });
  const codes = [...CODES];
  const liaisons = new LiaisonService({
    store: liaisonStore,
    requests,
    notes: store,
    clock,
    newCode: () => {
      const next = codes.shift();
      if (next === undefined) throw new Error('the test ran out of link codes');
      return next;
    },
    limiter: new AttemptLimiter(clock, DEFAULT_ATTEMPT_LIMITS),
  });
  return {
    dir,
    catalog,
    store,
    requests,
    liaisonStore,
    liaisons,
    codes,
    at(iso) {
      now = new Date(iso);
    },
    now: clock,
    async close() {
      await liaisonStore.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
