import type { RouteDay } from '../../knowledge/holiday-calendar.js';
import type { Coordinates } from '../geo.js';

/**
 * The geocoder port: an address as a resident types it (or a point) in, the
 * places it may mean out. Adapters: Philadelphia's AIS (ais-geocoder.ts), a
 * Nominatim or Pelias search with a collection-area file (generic-geocoder.ts)
 * and an offline file of address ranges (file-geocoder.ts). The dialogs use it
 * through `AddressLookup` (resilient-geocoder.ts), which adds a timeout, a
 * cache and the fallback: a lookup never fails a turn.
 */

/**
 * The districts the city publishes for an address, by a short name:
 * `council`, `police`, `sanitation` (the ones Open311 list queries filter by).
 */
export type Districts = Readonly<Record<string, string>>;

/** The district names residents and staff filter by, in display order. */
export const DISTRICT_KINDS = ['council', 'police', 'sanitation'] as const;
export type DistrictKind = (typeof DISTRICT_KINDS)[number];

export interface GeocodeCandidate {
  /** The standardised address, as the source spells it ("1234 SPRUCE ST"). */
  readonly address: string;
  readonly lat: number;
  readonly long: number;
  readonly districts: Districts;
  /** The weekly trash and recycling day, where the source knows it. */
  readonly trashDay?: RouteDay;
  /** 0..1: how sure the source is that this is the place meant. */
  readonly confidence: number;
}

export type GeocodeQuery = string | Coordinates;

export interface Geocoder {
  /** A short name for logs ("ais", "file", ...). */
  readonly name: string;
  /**
   * The candidates for a query, best first ([] when nothing matched). Resolves
   * `undefined` when the query lies outside what the source covers (a street an
   * offline file does not list): the caller behaves as without a geocoder.
   * Throws (`GeocoderError`) when the source cannot answer.
   */
  search(query: GeocodeQuery, signal?: AbortSignal): Promise<readonly GeocodeCandidate[] | undefined>;
}

export type GeocoderErrorCode = 'timeout' | 'unavailable' | 'bad-key' | 'bad-response';

export class GeocoderError extends Error {
  constructor(
    readonly code: GeocoderErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GeocoderError';
  }
}

/** Three-letter days as AIS writes them ("WED"), or full names, to a route day. */
export function routeDayOf(value: unknown): RouteDay | undefined {
  if (typeof value !== 'string') return undefined;
  const key = value.trim().slice(0, 3).toLowerCase();
  const days: Readonly<Record<string, RouteDay>> = {
    mon: 'monday',
    tue: 'tuesday',
    wed: 'wednesday',
    thu: 'thursday',
    fri: 'friday',
  };
  return days[key];
}
