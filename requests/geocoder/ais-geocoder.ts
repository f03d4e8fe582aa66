import { type Districts, type GeocodeCandidate, type Geocoder, GeocoderError, routeDayOf } from './types.js';

/** The city's public AIS endpoint (a Gatekeeper key is asked for by the city). */
export const AIS_DEFAULT_URL = 'https://api.phila.gov/ais/v1';

export interface AisOptions {
  /** AIS_API_URL: the base, `/search/{address}` is appended. */
  readonly url?: string;
  /** AIS_GATEKEEPER_KEY, sent as `gatekeeperKey`. */
  readonly key?: string;
  readonly fetch?: typeof fetch;
}

type Bag = Record<string, unknown>;
const isBag = (v: unknown): v is Bag => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;

/** AIS property names for the districts the bot keeps (the newest council map first). */
const AIS_DISTRICTS: Readonly<Record<string, readonly string[]>> = {
  council: ['council_district_2024', 'council_district_2016'],
  police: ['police_district'],
  sanitation: ['sanitation_district'],
};

/** AIS `match_type` values that name the very address asked for. */
const EXACT = new Set(['exact', 'exact_key', 'parsed', 'exact_location']);

function candidateOf(feature: unknown, total: number): GeocodeCandidate | undefined {
  if (!isBag(feature) || !isBag(feature.properties) || !isBag(feature.geometry)) return undefined;
  const p = feature.properties;
  const coordinates = feature.geometry.coordinates;
  if (!Array.isArray(coordinates) || coordinates.length < 2) return undefined;
  const [long, lat] = coordinates.map(Number);
  const address = text(p.street_address);
  if (!address || !Number.isFinite(lat) || !Number.isFinite(long)) return undefined;
  const districts: Record<string, string> = {};
  for (const [name, fields] of Object.entries(AIS_DISTRICTS)) {
    const value = fields.map((f) => text(p[f])).find((v) => v !== undefined);
    if (value !== undefined) districts[name] = value;
  }
  const trashDay = routeDayOf(p.rubbish_recycle_day);
  const exact = EXACT.has(String(feature.match_type ?? p.match_type ?? '').toLowerCase());
  const confidence = (exact ? 1 : 0.8) / Math.max(1, total);
  return {
    address,
    lat: lat!,
    long: long!,
    districts: districts as Districts,
    ...(trashDay ? { trashDay } : {}),
    confidence,
  };
}

/**
 * Philadelphia's Address Information System: `GET {url}/search/{address}`
 * answers a GeoJSON FeatureCollection whose features carry
 * `properties.street_address`, `properties.rubbish_recycle_day` ("WED"), the
 * district fields and `geometry.coordinates` as [lng, lat]; 404 when nothing
 * matched. Coordinates are searched as "lat,lng".
 */
export function aisGeocoder(options: AisOptions = {}): Geocoder {
  const base = (options.url ?? AIS_DEFAULT_URL).replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  return {
    name: 'ais',
    async search(query, signal) {
      const term = typeof query === 'string' ? query.trim() : `${query.lat},${query.long}`;
      if (term === '') return [];
      const url = new URL(`${base}/search/${encodeURIComponent(term)}`);
      if (options.key) url.searchParams.set('gatekeeperKey', options.key);
      let response: Response;
      try {
        response = await doFetch(url, { signal, headers: { accept: 'application/json' } });
      } catch (error) {
        if (signal?.aborted) throw new GeocoderError('timeout', 'AIS did not answer in time');
        throw new GeocoderError('unavailable', `AIS unreachable: ${(error as Error).message}`);
      }
      if (response.status === 404) {
        await response.body?.cancel();
        return [];
      }
      if (response.status === 401 || response.status === 403) {
        await response.body?.cancel();
        throw new GeocoderError('bad-key', `AIS refused the gatekeeper key (${response.status})`);
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new GeocoderError('unavailable', `AIS answered ${response.status}`);
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new GeocoderError('bad-response', 'AIS answered something other than JSON');
      }
      if (!isBag(body) || !Array.isArray(body.features)) {
        throw new GeocoderError('bad-response', 'AIS answer has no features');
      }
      const features = body.features as unknown[];
      return features
        .map((f) => candidateOf(f, features.length))
        .filter((c): c is GeocodeCandidate => c !== undefined);
    },
  };
}
