import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { type Clock, systemClock } from '../bot/clock.js';
import { LowdbOutbox, newNotice } from './lowdb-outbox.js';
import type { Notice } from './outbox.js';
import { RequestError } from './request-error.js';
import { isOpenStatus } from './status-lifecycle.js';
import { isTrackingNumber, randomTrackingNumber, type TrackingNumberGenerator } from './tracking-number.js';
import type {
  Requester,
  RequestFilter,
  RequestStatus,
  RequestStore,
  ServiceRequest,
  StatusChange,
  TrackingNumber,
} from './types.js';

/**
 * The embedded request store: one JSON file (DATA_DIR/requests.json) written
 * with lowdb, plus an in-memory index (id -> request) so lookups never scan.
 *
 * - Every method resolves only after the file is written (atomically: a temp
 *   file renamed over the old one), so a tracking number handed out is on disk.
 *   If the write fails the change is undone in memory and the call rejects.
 * - Tracking numbers are drawn from an injected generator and never reused:
 *   the ids of removed requests are kept in `retiredIds`.
 * - Idempotency keys are kept in `idempotencyKeys` (key -> tracking number),
 *   beside the requests rather than in them, so records stay as the port
 *   returns them. A second create with a key still being written waits for
 *   the first and returns its request.
 * - Status notices waiting to go out (`outbox`, requests/outbox.ts) are kept
 *   in the same file: a status change and its notice are one write.
 * - lowdb rewrites the whole file per write: fine for tens of thousands of
 *   requests; beyond that use a database behind the same `RequestStore`.
 */
export interface LowdbRequestStoreOptions {
  /** The JSON file, e.g. `${dataDir}/requests.json`. */
  readonly file: string;
  readonly newId?: TrackingNumberGenerator;
  readonly clock?: Clock;
}

interface RequestsFile {
  version: 1;
  requests: ServiceRequest[];
  retiredIds: string[];
  /** Idempotency key -> tracking number; absent in files written before keys existed. */
  idempotencyKeys?: Record<string, string>;
  /** Status notices not sent yet or given up; absent in files written before the outbox existed. */
  outbox?: Notice[];
}

type CreateInput = Parameters<RequestStore['create']>[0];

export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** Refuses an empty or overlong key (RequestError 'invalid-field'); every store checks keys alike. */
export function checkIdempotencyKey(key: string | undefined): void {
  if (key !== undefined && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
    throw new RequestError(
      'invalid-field',
      `an idempotency key is 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`,
      'idempotency_key',
    );
  }
}

/** Draws this many numbers before giving up (each collides with probability n / 90 million). */
const MAX_DRAWS = 50;

export async function createLowdbRequestStore(options: LowdbRequestStoreOptions): Promise<RequestStore> {
  await mkdir(dirname(options.file), { recursive: true });
  const adapter = new DataFile<RequestsFile>(options.file, {
    parse: (text) => JSON.parse(text) as RequestsFile,
    stringify: (data) => JSON.stringify(data),
  });
  const db = new Low<RequestsFile>(adapter, { version: 1, requests: [], retiredIds: [] });
  try {
    await db.read();
  } catch (error) {
    throw new RequestError(
      'store-unreadable',
      `${options.file}: cannot read the request store (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const keys = db.data.idempotencyKeys;
  if (
    !Array.isArray(db.data.requests) ||
    !Array.isArray(db.data.retiredIds) ||
    (db.data.outbox !== undefined && !Array.isArray(db.data.outbox)) ||
    (keys !== undefined && (typeof keys !== 'object' || keys === null || Array.isArray(keys)))
  ) {
    throw new RequestError(
      'store-unreadable',
      `${options.file}: not a request store (requests/retiredIds missing, idempotencyKeys not an object, or outbox not a list)`,
    );
  }
  // Without a prototype, a key such as "__proto__" is an ordinary entry.
  db.data.idempotencyKeys = Object.assign(Object.create(null) as Record<string, string>, keys);
  db.data.outbox ??= [];
  return new LowdbRequestStore(db, options.newId ?? randomTrackingNumber, options.clock ?? systemClock);
}

function samePerson(
  a: Pick<Requester, 'channel' | 'userId'>,
  b: Pick<Requester, 'channel' | 'userId'>,
): boolean {
  return a.channel === b.channel && a.userId === b.userId;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

class LowdbRequestStore implements RequestStore {
  /** id -> position in `db.data.requests`. */
  private readonly position = new Map<string, number>();
  private readonly retired: Set<string>;
  /** Idempotency key -> tracking number: the file's own object (without a prototype). */
  private readonly keys: Record<string, string>;
  /** Creates with a key whose write has not finished yet. */
  private readonly pending = new Map<string, Promise<ServiceRequest>>();
  private closed = false;
  private writing: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  readonly outbox: LowdbOutbox;

  constructor(
    private readonly db: Low<RequestsFile>,
    private readonly newId: TrackingNumberGenerator,
    private readonly clock: Clock,
  ) {
    // Records are frozen when first handed out (freezing 100,000 at start-up costs seconds).
    db.data.requests.forEach((request, index) => {
      this.position.set(request.id, index);
    });
    this.retired = new Set(db.data.retiredIds);
    this.keys = db.data.idempotencyKeys!;
    this.outbox = new LowdbOutbox({
      entries: () => this.db.data.outbox!,
      persist: () => this.persist(),
      clock,
      assertOpen: () => this.assertOpen(),
    });
  }

  async create(input: CreateInput): Promise<ServiceRequest> {
    this.assertOpen();
    const key = input.idempotencyKey;
    checkIdempotencyKey(key);
    if (key === undefined) return this.store(input, undefined);
    const inFlight = this.pending.get(key);
    if (inFlight !== undefined) {
      // The first create's write decides: its request, or (if it failed) a fresh try.
      try {
        return await inFlight;
      } catch {
        return this.create(input);
      }
    }
    const stored = this.keys[key];
    if (stored !== undefined) {
      const existing = this.lookup(stored);
      if (existing !== undefined) return existing;
    }
    const filing = this.store(input, key);
    this.pending.set(key, filing);
    try {
      return await filing;
    } finally {
      this.pending.delete(key);
    }
  }

  private async store(input: CreateInput, key: string | undefined): Promise<ServiceRequest> {
    const id = this.drawId();
    const requestedAt = input.requestedAt ?? this.clock().toISOString();
    const { requestedAt: _ignored, idempotencyKey: _key, ...fields } = input;
    const request: ServiceRequest = deepFreeze({
      ...structuredClone(fields),
      id,
      status: 'received',
      followers: [],
      requestedAt,
      updatedAt: requestedAt,
      history: [{ status: 'received', at: requestedAt, by: 'system' }],
    });
    const index = this.db.data.requests.push(request) - 1;
    this.position.set(id, index);
    if (key !== undefined) this.keys[key] = id;
    try {
      await this.persist();
    } catch (error) {
      // Undo: the request was never stored, so its number was never handed out.
      if (this.db.data.requests[index]?.id === id) this.db.data.requests.splice(index, 1);
      if (key !== undefined) delete this.keys[key];
      this.reindex();
      throw error;
    }
    return request;
  }

  async get(id: TrackingNumber): Promise<ServiceRequest | undefined> {
    this.assertOpen();
    return this.lookup(id);
  }

  async find(filter: RequestFilter): Promise<ServiceRequest[]> {
    this.assertOpen();
    const limit = filter.limit ?? Number.POSITIVE_INFINITY;
    const out: ServiceRequest[] = [];
    if (limit <= 0) return out;
    const matches = makeMatcher(filter);
    if (filter.ids !== undefined) {
      const picked = [...new Set(filter.ids)].flatMap((id) => this.lookup(id) ?? []).filter(matches);
      return picked.sort((a, b) => this.position.get(b.id)! - this.position.get(a.id)!).slice(0, limit);
    }
    // Stored in filing order: walk backwards for newest first and stop at the limit.
    const all = this.db.data.requests;
    for (let i = all.length - 1; i >= 0 && out.length < limit; i--) {
      if (matches(all[i]!)) out.push(deepFreeze(all[i]!));
    }
    return out;
  }

  async appendStatus(
    id: TrackingNumber,
    change: StatusChange,
    expected?: RequestStatus,
  ): Promise<ServiceRequest | undefined> {
    this.assertOpen();
    const current = this.lookup(id);
    if (current === undefined) return undefined;
    if (expected !== undefined && current.status !== expected) {
      throw new RequestError('conflict', `request ${id} is now "${current.status}", not "${expected}"`);
    }
    // The change and its notice go out in one write, or (undone together) not at all.
    const notices = this.db.data.outbox!;
    const notice = newNotice(id, current.history.length, this.clock().toISOString());
    notices.push(notice);
    try {
      return await this.replace(current, {
        ...current,
        status: change.status,
        updatedAt: change.at,
        statusNotes: change.note,
        history: [...current.history, structuredClone(change)],
      });
    } catch (error) {
      const at = notices.indexOf(notice);
      if (at >= 0) notices.splice(at, 1);
      throw error;
    }
  }

  async addFollower(id: TrackingNumber, follower: Requester): Promise<ServiceRequest | undefined> {
    this.assertOpen();
    const current = this.lookup(id);
    if (current === undefined) return undefined;
    if (samePerson(current.requester, follower) || current.followers.some((f) => samePerson(f, follower))) {
      return current;
    }
    return this.replace(current, {
      ...current,
      followers: [...current.followers, structuredClone(follower)],
    });
  }

  async remove(id: TrackingNumber): Promise<boolean> {
    this.assertOpen();
    const index = this.position.get(id);
    if (index === undefined) return false;
    const [removed] = this.db.data.requests.splice(index, 1);
    this.db.data.retiredIds.push(id);
    this.retired.add(id);
    // An erased request keeps nothing, its key included.
    const keys = Object.keys(this.keys).filter((key) => this.keys[key] === id);
    for (const key of keys) delete this.keys[key];
    const notices = this.db.data.outbox!;
    this.db.data.outbox = notices.filter((n) => n.requestId !== id);
    this.reindex();
    try {
      await this.persist();
    } catch (error) {
      this.db.data.requests.splice(index, 0, removed!);
      this.db.data.retiredIds.pop();
      this.retired.delete(id);
      for (const key of keys) this.keys[key] = id;
      this.db.data.outbox = notices;
      this.reindex();
      throw error;
    }
    this.outbox.forget(id);
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.writing?.catch(() => undefined);
    await this.queued?.catch(() => undefined);
  }

  /**
   * Writes the file; changes made while a write is running share the next one,
   * so a burst of N requests costs about two writes, not N.
   */
  private persist(): Promise<void> {
    if (this.queued !== undefined) return this.queued;
    if (this.writing === undefined) {
      this.writing = this.db.write().finally(() => {
        this.writing = undefined;
      });
      return this.writing;
    }
    this.queued = this.writing
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.persist();
      });
    return this.queued;
  }

  private lookup(id: string): ServiceRequest | undefined {
    const index = this.position.get(id);
    return index === undefined ? undefined : deepFreeze(this.db.data.requests[index]);
  }

  private async replace(current: ServiceRequest, next: ServiceRequest): Promise<ServiceRequest> {
    const frozen = deepFreeze(next);
    const index = this.position.get(current.id)!;
    this.db.data.requests[index] = frozen;
    try {
      await this.persist();
    } catch (error) {
      if (this.db.data.requests[index] === frozen) this.db.data.requests[index] = current;
      throw error;
    }
    return frozen;
  }

  private drawId(): TrackingNumber {
    for (let draw = 0; draw < MAX_DRAWS; draw++) {
      const id = this.newId();
      if (!isTrackingNumber(id))
        throw new RequestError('id-exhausted', `the id generator gave "${id}", not 8 digits`);
      if (!this.position.has(id) && !this.retired.has(id)) return id;
    }
    throw new RequestError('id-exhausted', `no unused tracking number after ${MAX_DRAWS} draws`);
  }

  private reindex(): void {
    this.position.clear();
    this.db.data.requests.forEach((request, index) => {
      this.position.set(request.id, index);
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new RequestError('store-closed', 'the request store is closed');
  }
}

function makeMatcher(filter: RequestFilter): (request: ServiceRequest) => boolean {
  const codes = filter.serviceCodes && new Set<string>(filter.serviceCodes);
  const statuses = filter.statuses && new Set<string>(filter.statuses);
  return (r) =>
    (codes === undefined || codes.has(r.serviceCode)) &&
    (statuses === undefined || statuses.has(r.status)) &&
    (filter.open === undefined || isOpenStatus(r.status) === filter.open) &&
    (filter.requestedFrom === undefined || r.requestedAt >= filter.requestedFrom) &&
    (filter.requestedTo === undefined || r.requestedAt <= filter.requestedTo) &&
    (filter.requester === undefined || samePerson(r.requester, filter.requester)) &&
    (filter.involving === undefined ||
      samePerson(r.requester, filter.involving) ||
      r.followers.some((f) => samePerson(f, filter.involving!))) &&
    (filter.accountId === undefined || r.accountId === filter.accountId) &&
    (filter.neighborhood === undefined || r.neighborhood === filter.neighborhood) &&
    (filter.districts === undefined ||
      Object.entries(filter.districts).every(([name, value]) => r.location.districts?.[name] === value));
}
