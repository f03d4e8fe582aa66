import type { CatalogService, RoutingRule } from '../knowledge/catalog-types.js';
import type { ServiceCode } from '../knowledge/types.js';
import type { AddressLookup } from '../requests/geocoder/index.js';
import type {
  Location,
  NewServiceRequest,
  Requester,
  ServiceRequest,
  TrackingNumber,
} from '../requests/types.js';

/**
 * What the intake, status and "my requests" dialogs need from their collaborators:
 * the slices of ServiceCatalog and RequestService they call, so a dialog test can
 * hand in the real ones and the dialogs never see how requests are stored.
 */
export interface IntakeCatalog {
  readonly services: readonly CatalogService[];
  get(code: string): CatalogService | undefined;
  forTopic(topic: string): CatalogService | undefined;
  /** The routing rule a report matches (global rules, then the service's own). */
  route(text: string, service?: string): RoutingRule | undefined;
}

export interface IntakeRequests {
  /**
   * Stores the request durably and resolves with the stored record (tracking
   * number, expectedAt); with an `idempotencyKey` already filed, resolves with
   * that request and stores nothing.
   */
  file(request: NewServiceRequest & { readonly idempotencyKey?: string }): Promise<ServiceRequest>;
  /** An open request of the same service at the same place, if any. */
  findDuplicate(serviceCode: ServiceCode, location: Location): Promise<ServiceRequest | undefined>;
  follow(id: TrackingNumber, follower: Requester): Promise<ServiceRequest | undefined>;
}

export interface StatusRequests {
  get(id: TrackingNumber): Promise<ServiceRequest | undefined>;
  /** Requests filed (or followed) from this sender, newest first. */
  listForRequester(requester: Pick<Requester, 'channel' | 'userId'>): Promise<readonly ServiceRequest[]>;
}

export interface IntakeDeps {
  readonly catalog: IntakeCatalog;
  readonly requests: IntakeRequests;
  readonly clock: () => Date;
  /** Draws the key that names one report (default a random UUID); injected so tests fix it. */
  readonly newKey?: () => string;
  /** The city's time zone for dates residents read ("Expect service by Tue, Nov 25"). */
  readonly timeZone?: string;
  /** The injected logger (redacts personal data); optional in tests. */
  readonly logger?: { error(message: string, fields?: Readonly<Record<string, unknown>>): void };
  /**
   * Standardises typed addresses (lat/long and districts, so duplicates within 50 m are
   * found); without it, or when it cannot answer, the typed address is kept.
   */
  readonly geocoder?: AddressLookup;
}

export interface StatusDeps {
  readonly catalog: Pick<IntakeCatalog, 'get'>;
  readonly requests: StatusRequests;
  readonly clock: () => Date;
  readonly timeZone?: string;
}

export const DEFAULT_TIME_ZONE = 'America/New_York';
