import { type Clock, systemClock } from '../bot/clock.js';
import { type Logger, silentLogger } from '../bot/logger.js';
import type { HolidayCalendar } from '../knowledge/holiday-calendar.js';
import type { ServiceCatalog } from '../knowledge/service-catalog.js';
import { normalizeAddress } from './address.js';
import { validateAttributes } from './attributes.js';
import { parseAnyDate } from './dates.js';
import { distanceMeters, isValidCoordinates } from './geo.js';
import { locate } from './geocoder/locate.js';
import type { AddressLookup } from './geocoder/resilient-geocoder.js';
import { RequestError } from './request-error.js';
import { checkTransition } from './status-lifecycle.js';
import { expectedDate, isDelayed } from './time-frame.js';
import type {
  Location,
  NewServiceRequest,
  Requester,
  RequestFilter,
  RequestStatus,
  RequestStore,
  ServiceRequest,
  StatusChange,
  StatusListener,
  TrackingNumber,
} from './types.js';

/** Longer descriptions are refused (400 over Open311), never silently cut. */
export const MAX_DESCRIPTION_LENGTH = 4000;
export const MAX_MEDIA_URL_LENGTH = 2000;
/** Two reports of one service this close together are the same problem. */
export const DUPLICATE_RADIUS_METERS = 50;

export interface RequestServiceDeps {
  readonly store: RequestStore;
  readonly catalog: ServiceCatalog;
  readonly calendar: HolidayCalendar;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly duplicateRadiusMeters?: number;
  /** Places addresses handed in without a conversation (`locate`); without it they are kept as given. */
  readonly geocoder?: AddressLookup;
}

/** What a channel, a dialog or Open311 hands in; checked against the catalog before anything is stored. */
export type FileRequest = Omit<
  NewServiceRequest,
  'serviceCode' | 'description' | 'attributes' | 'statusNotes'
> & {
  readonly serviceCode: string;
  readonly description?: string;
  readonly attributes?: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Names this filing: filing again with the same key returns the request already filed (see RequestStore.create). */
  readonly idempotencyKey?: string;
};

export interface StatusUpdate {
  readonly status: RequestStatus;
  /** The reason or progress note residents read. */
  readonly note?: string;
  /** 'staff', 'liaison:<account>', 'system', ... */
  readonly by: string;
  /** For 'duplicate': the request this one duplicates. */
  readonly parent?: TrackingNumber;
}

/**
 * The request domain used by the dialogs, Open311 and the staff API alike, so
 * a request filed by SMS and one filed over Open311 are the same records.
 */
export class RequestService {
  private readonly listeners = new Set<StatusListener>();
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly radius: number;

  constructor(private readonly deps: RequestServiceDeps) {
    this.clock = deps.clock ?? systemClock;
    this.logger = deps.logger ?? silentLogger;
    this.radius = deps.duplicateRadiusMeters ?? DUPLICATE_RADIUS_METERS;
  }

  /** Registers a listener told of every status change; returns a function that unregisters it. */
  addListener(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Validates and stores a request; resolves with the stored record (its
   * tracking number, agency and expected date) only once it is durably stored.
   * Throws `RequestError` (unknown-service, missing-location, invalid-location,
   * invalid-attribute, description-too-long, invalid-field) and stores nothing.
   * With an `idempotencyKey` already stored, resolves to the request filed
   * with it and stores nothing new (a retried submission, a redelivered message).
   */
  async file(input: FileRequest): Promise<ServiceRequest> {
    const service = this.deps.catalog.get(input.serviceCode);
    if (service === undefined) {
      throw new RequestError('unknown-service', `no service "${input.serviceCode}"`, 'service_code');
    }
    const description = stripControl(input.description ?? '').trim();
    if (description.length > MAX_DESCRIPTION_LENGTH) {
      throw new RequestError(
        'description-too-long',
        `the description is ${description.length} characters; at most ${MAX_DESCRIPTION_LENGTH} are accepted`,
        'description',
      );
    }
    const location = cleanLocation(input.location);
    const attributes = validateAttributes(service, input.attributes ?? {});
    const mediaUrl = cleanUrl(input.mediaUrl);
    const noticedAt = cleanDate(input.noticedAt, 'noticed_at');
    const now = this.clock();
    const expected = expectedDate(service, now, this.deps.calendar);
    const stored = await this.deps.store.create({
      serviceCode: service.code,
      location,
      description,
      attributes,
      requester: input.requester,
      agency: service.agency,
      requestedAt: now.toISOString(),
      ...(expected === undefined ? {} : { expectedAt: expected.toISOString() }),
      ...(mediaUrl === undefined ? {} : { mediaUrl }),
      ...(noticedAt === undefined ? {} : { noticedAt }),
      ...(input.contact === undefined ? {} : { contact: input.contact }),
      ...(input.accountId === undefined ? {} : { accountId: input.accountId }),
      ...(input.neighborhood === undefined ? {} : { neighborhood: input.neighborhood }),
      ...(input.serviceNotice === undefined ? {} : { serviceNotice: input.serviceNotice }),
      ...(input.idempotencyKey === undefined ? {} : { idempotencyKey: input.idempotencyKey }),
    });
    this.logger.info('request filed', {
      request: stored.id,
      service: stored.serviceCode,
      channel: stored.requester.channel,
    });
    return stored;
  }

  /**
   * The place of a location handed in without a conversation (Open311): an
   * address without lat/long gets the city's spelling, lat/long and districts
   * when the geocoder finds one clear match, a point gets its districts.
   * Never throws and never refuses: with no geocoder, no answer in time, no
   * match or several, the location comes back as given.
   */
  async locate(location: Location): Promise<Location> {
    const geocoder = this.deps.geocoder;
    if (geocoder === undefined) return location;
    try {
      return await locate(geocoder, location);
    } catch (error) {
      // AddressLookup promises never to throw; should one break that, the request is still filed.
      this.logger.warn('locating an address failed; kept as given', { error: error as Error });
      return location;
    }
  }

  /**
   * The oldest open request of the same service at the same place: the same
   * normalised address, or within ~50 m when both have coordinates.
   */
  async findDuplicate(serviceCode: string, location: Location): Promise<ServiceRequest | undefined> {
    const address = addressKey(location.address);
    const point = hasCoordinates(location) ? location : undefined;
    if (address === undefined && point === undefined && location.addressId === undefined) return undefined;
    const open = await this.deps.store.find({
      serviceCodes: [serviceCode as ServiceRequest['serviceCode']],
      open: true,
    });
    const same = open.filter((r) => {
      // Stored addresses were normalised when filed: comparing without case is enough.
      if (address !== undefined && r.location.address?.toLowerCase() === address) return true;
      if (location.addressId !== undefined && r.location.addressId === location.addressId) return true;
      return (
        point !== undefined && hasCoordinates(r.location) && distanceMeters(point, r.location) <= this.radius
      );
    });
    return same.at(-1);
  }

  /** Adds a follower who hears of every status change; undefined when the request is unknown. */
  follow(id: TrackingNumber, follower: Requester): Promise<ServiceRequest | undefined> {
    return this.deps.store.addFollower(id, follower);
  }

  /**
   * Records a status change in the history and tells every listener. Resolves
   * undefined when the request is unknown; throws `RequestError` for an invalid
   * transition, a missing reason or parent, or an unknown parent.
   */
  async changeStatus(id: TrackingNumber, update: StatusUpdate): Promise<ServiceRequest | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await this.deps.store.get(id);
      if (current === undefined) return undefined;
      checkTransition(current.status, update);
      const parent = update.status === 'duplicate' ? await this.rootParent(id, update.parent!) : undefined;
      const note = update.note?.trim();
      const change: StatusChange = {
        status: update.status,
        at: this.clock().toISOString(),
        by: update.by,
        ...(note ? { note } : {}),
        ...(parent === undefined ? {} : { parent: parent.id }),
      };
      let updated: ServiceRequest | undefined;
      try {
        updated = await this.deps.store.appendStatus(id, change, current.status);
      } catch (error) {
        if (error instanceof RequestError && error.code === 'conflict') continue;
        throw error;
      }
      if (updated === undefined) return undefined;
      if (parent !== undefined) {
        // Whoever filed or followed the duplicate hears when the parent is fixed.
        for (const person of [updated.requester, ...updated.followers]) await this.follow(parent.id, person);
      }
      this.logger.info('request status changed', { request: id, status: change.status, by: change.by });
      await this.notify(updated, change);
      return updated;
    }
    throw new RequestError('conflict', `request ${id} is being changed by someone else; try again`);
  }

  get(id: TrackingNumber): Promise<ServiceRequest | undefined> {
    return this.deps.store.get(id);
  }

  find(filter: RequestFilter): Promise<ServiceRequest[]> {
    return this.deps.store.find(filter);
  }

  /** Requests this person filed or follows, newest first. */
  listForRequester(requester: Pick<Requester, 'channel' | 'userId'>, limit = 20): Promise<ServiceRequest[]> {
    return this.deps.store.find({
      involving: { channel: requester.channel, userId: requester.userId },
      limit,
    });
  }

  /** Still open after the day it was expected. */
  isDelayed(request: ServiceRequest): boolean {
    return isDelayed(request, this.clock());
  }

  private async rootParent(id: TrackingNumber, parentId: TrackingNumber): Promise<ServiceRequest> {
    let parent = await this.deps.store.get(parentId);
    for (let hops = 0; parent?.status === 'duplicate' && hops < 10; hops++) {
      const up = [...parent.history].reverse().find((h) => h.status === 'duplicate')?.parent;
      if (up === undefined) break;
      parent = await this.deps.store.get(up);
    }
    if (parent === undefined) throw new RequestError('invalid-parent', `no request ${parentId}`, 'parent');
    if (parent.id === id)
      throw new RequestError('invalid-parent', 'a request cannot duplicate itself', 'parent');
    return parent;
  }

  private async notify(request: ServiceRequest, change: StatusChange): Promise<void> {
    const results = await Promise.allSettled(
      [...this.listeners].map((l) => l.statusChanged(request, change)),
    );
    for (const result of results) {
      if (result.status === 'rejected') {
        this.logger.error('status listener failed', { request: request.id, error: result.reason });
      }
    }
  }
}

function hasCoordinates(location: Location): location is Location & { lat: number; long: number } {
  return location.lat !== undefined && location.long !== undefined;
}

/** One spelling per place: the normalised address, compared without case. */
function addressKey(address: string | undefined): string | undefined {
  const trimmed = address?.replace(/\s+/g, ' ').trim();
  if (!trimmed) return undefined;
  return (normalizeAddress(trimmed) ?? trimmed).toLowerCase();
}

function cleanLocation(location: Location): Location {
  const raw = location.address?.replace(/\s+/g, ' ').trim();
  const address = raw ? (normalizeAddress(raw) ?? raw) : undefined;
  const addressId = location.addressId?.trim() || undefined;
  const hasLat = location.lat !== undefined;
  if (hasLat !== (location.long !== undefined)) {
    throw new RequestError('invalid-location', 'give both lat and long, or neither', hasLat ? 'long' : 'lat');
  }
  if (hasLat && !isValidCoordinates(location.lat!, location.long!)) {
    throw new RequestError('invalid-location', 'lat must be within ±90 and long within ±180', 'lat');
  }
  if (address === undefined && !hasLat && addressId === undefined) {
    throw new RequestError(
      'missing-location',
      'a location is needed: lat and long, an address or an address id',
      'location',
    );
  }
  if (address !== undefined && address.length > 300) {
    throw new RequestError('invalid-location', 'the address is longer than 300 characters', 'address_string');
  }
  const districts = cleanDistricts(location.districts);
  return {
    ...(address === undefined ? {} : { address }),
    ...(hasLat ? { lat: location.lat!, long: location.long! } : {}),
    ...(addressId === undefined ? {} : { addressId }),
    ...(districts === undefined ? {} : { districts }),
  };
}

/** District names and values as short plain strings ({council: '5'}); anything else is dropped. */
function cleanDistricts(districts: Location['districts']): Location['districts'] {
  if (districts === undefined || typeof districts !== 'object') return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(districts)) {
    if (
      /^[a-z_]{1,30}$/.test(name) &&
      typeof value === 'string' &&
      value.trim() !== '' &&
      value.length <= 30
    ) {
      out[name] = value.trim();
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function cleanUrl(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(trimmed);
  } catch {
    url = undefined;
  }
  if (url === undefined || !/^https?:$/.test(url.protocol) || trimmed.length > MAX_MEDIA_URL_LENGTH) {
    throw new RequestError('invalid-field', 'media_url must be an http(s) URL', 'media_url');
  }
  return trimmed;
}

function cleanDate(value: string | undefined, field: string): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const date = parseAnyDate(value);
  if (date === undefined) {
    throw new RequestError('invalid-field', `${field} must be a date and time that exists`, field);
  }
  return date.toISOString();
}

/** Control characters (other than tab and newline) are dropped: they are never meant and break XML. */
export function stripControl(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
}
