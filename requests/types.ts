import type { ServiceCode } from '../knowledge/types.js';
import type { Outbox } from './outbox.js';

export type TrackingNumber = string & { readonly __brand: 'TrackingNumber' };

/** The life cycle residents see (richer than Open311's open/closed). */
export const REQUEST_STATUSES = [
  'received',
  'in-progress',
  'scheduled',
  'duplicate',
  'closed-fixed',
  'closed-unfounded',
  'not-city-responsibility',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const OPEN_STATUSES: ReadonlySet<RequestStatus> = new Set(['received', 'in-progress', 'scheduled']);

/** Where a request came from and how to reach the person who filed or follows it. */
export interface Requester {
  /** Channel id: 'sms', 'slack', 'x', 'directline', 'emulator', 'console', 'open311', ... */
  readonly channel: string;
  /** Channel user id (phone number, Slack user, X user id, ...). Personal data. */
  readonly userId: string;
  /** The conversation to notify; the notifier resolves it to a stored conversation reference. */
  readonly conversationId?: string;
}

export interface Location {
  /** Normalised street address or intersection, e.g. "1234 Spruce St" or "26th St & Oxford St". */
  readonly address?: string;
  readonly lat?: number;
  readonly long?: number;
  /** Open311 address_id: the city's own id for an address, when a client sends one. */
  readonly addressId?: string;
  /**
   * The districts the city publishes for the place (`council`, `police`, `sanitation`),
   * from the geocoder when the address was looked up (requests/geocoder/).
   */
  readonly districts?: Readonly<Record<string, string>>;
}

export interface StatusChange {
  readonly status: RequestStatus;
  readonly at: string; // ISO 8601
  readonly note?: string;
  /** Who made the change: 'system', 'staff', 'liaison:<accountId>', ... */
  readonly by: string;
  /** For 'duplicate': the parent request. */
  readonly parent?: TrackingNumber;
}

export interface ServiceRequest {
  readonly id: TrackingNumber;
  readonly serviceCode: ServiceCode;
  readonly status: RequestStatus;
  readonly location: Location;
  readonly description: string;
  readonly attributes: Readonly<Record<string, string | readonly string[]>>;
  readonly mediaUrl?: string;
  /** When the resident noticed the problem (ISO 8601), if they said. */
  readonly noticedAt?: string;
  readonly contact?: { readonly name?: string; readonly phone?: string; readonly email?: string };
  readonly requester: Requester;
  readonly followers: readonly Requester[];
  readonly requestedAt: string;
  readonly updatedAt: string;
  readonly expectedAt?: string;
  readonly statusNotes?: string;
  readonly agency: string;
  readonly serviceNotice?: string;
  /** Liaison account (Open311 account_id) and its neighborhood, when a liaison filed it. */
  readonly accountId?: string;
  readonly neighborhood?: string;
  readonly history: readonly StatusChange[];
}

export type NewServiceRequest = Omit<
  ServiceRequest,
  'id' | 'status' | 'followers' | 'requestedAt' | 'updatedAt' | 'history' | 'expectedAt' | 'agency'
>;

export interface RequestFilter {
  readonly ids?: readonly TrackingNumber[];
  readonly serviceCodes?: readonly ServiceCode[];
  readonly statuses?: readonly RequestStatus[];
  /** Open311 'open' / 'closed'. */
  readonly open?: boolean;
  readonly requestedFrom?: string;
  readonly requestedTo?: string;
  readonly requester?: Pick<Requester, 'channel' | 'userId'>;
  /** Requests this person filed or follows. */
  readonly involving?: Pick<Requester, 'channel' | 'userId'>;
  readonly accountId?: string;
  readonly neighborhood?: string;
  /** Requests whose location lies in all of these districts ({council: '5'}). */
  readonly districts?: Readonly<Record<string, string>>;
  readonly limit?: number;
}

/**
 * The request store. lowdb is the embedded default; a PostgreSQL
 * implementation must satisfy the same interface and the same tests.
 * Every method resolves only after the change is durably stored.
 */
export interface RequestStore {
  /**
   * Stores a new request under a fresh tracking number (never one issued before)
   * and resolves once it is durably stored. `requestedAt` defaults to the store's clock.
   *
   * `idempotencyKey` names one filing, so a retry cannot file the same report
   * twice: a create whose key is already stored stores nothing and resolves to
   * the request filed with it (same tracking number, as it is now), whatever
   * else this call gives; creates with one key racing each other, on one
   * instance or several, store one request. Keys are global, so callers make
   * them unique (`sms:<MessageSid>`, `open311:<client>:<token>`); a key is 1 to
   * 200 characters (else 'invalid-field'), kept with its request and never
   * returned in it, and forgotten when the request is removed.
   */
  create(
    request: NewServiceRequest & {
      expectedAt?: string;
      agency: string;
      requestedAt?: string;
      idempotencyKey?: string;
    },
  ): Promise<ServiceRequest>;
  get(id: TrackingNumber): Promise<ServiceRequest | undefined>;
  /** Newest first; `limit` caps the count. */
  find(filter: RequestFilter): Promise<ServiceRequest[]>;
  /**
   * Appends a status change to the history and makes it the current status.
   * With `expected`, fails with `RequestError` code 'conflict' unless the current
   * status is still `expected` (so two staff members cannot both move one request).
   * The change's notice is queued in `outbox` in the same write: both are stored or neither.
   */
  appendStatus(
    id: TrackingNumber,
    change: StatusChange,
    expected?: RequestStatus,
  ): Promise<ServiceRequest | undefined>;
  /** Adds a follower (once; the requester is never added as a follower of their own request). */
  addFollower(id: TrackingNumber, follower: Requester): Promise<ServiceRequest | undefined>;
  /** Erases a request (e.g. on a privacy request), its queued notices too; its tracking number is never issued again. */
  remove?(id: TrackingNumber): Promise<boolean>;
  /** The status notices `appendStatus` queued, for the sender to claim (requests/outbox.ts). */
  readonly outbox: Outbox;
  close(): Promise<void>;
}

/** Told of every status change so residents, followers and liaisons hear of it. */
export interface StatusListener {
  statusChanged(request: ServiceRequest, change: StatusChange): Promise<void>;
}
