import type { CollectionAreas } from './collection-areas.js';
import { type GeocodeCandidate, type Geocoder, GeocoderError } from './types.js';

/**
 * For other cities: a Nominatim or Pelias search (GEOCODER_URL, the search
 * endpoint: `.../search` for Nominatim, `.../v1/search` for Pelias), with the
 * trash day and districts from a collection-area file. Nominatim answers a
 * JSON array ({lat, lon, display_name, importance}); Pelias a GeoJSON
 * FeatureCollection (properties.label, properties.confidence, coordinates
 * [lng, lat]).
 */
export interface GenericOptions {
  readonly url: string;
  readonly areas?: CollectionAreas;
  readonly fetch?: typeof fetch;
  /** Sent as User-Agent: Nominatim's usage policy asks every application to name itself. */
  readonly userAgent?: string;
}

type Bag = Record<string, unknown>;
const isBag = (v: unknown): v is Bag => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Found {
  readonly address: string;
  readonly lat: number;
  readonly long: number;
  readonly confidence: number;
}

function fromNominatim(body: unknown[]): Found[] {
  return body.filter(isBag).map((r) => ({
    address: String(r.display_name ?? '')
      .split(',')
      .slice(0, 2)
      .join(',')
      .trim(),
    lat: Number(r.lat),
    long: Number(r.lon),
    confidence: Math.min(1, Math.max(0, Number(r.importance ?? 0.5))),
  }));
}

function fromPelias(body: Bag): Found[] {
  const features = Array.isArray(body.features) ? body.features.filter(isBag) : [];
  return features.map((f) => {
    const p = isBag(f.properties) ? f.properties : {};
    const c = isBag(f.geometry) && Array.isArray(f.geometry.coordinates) ? f.geometry.coordinates : [];
    return {
      address: String(p.name ?? p.label ?? ''),
      lat: Number(c[1]),
      long: Number(c[0]),
      confidence: Math.min(1, Math.max(0, Number(p.confidence ?? 0.5))),
    };
  });
}

export function genericGeocoder(options: GenericOptions): Geocoder {
  const endpoint = new URL(options.url);
  const pelias = /\/v1\/search\/?$/.test(endpoint.pathname);
  const doFetch = options.fetch ?? fetch;
  return {
    name: pelias ? 'pelias' : 'nominatim',
    async search(query, signal) {
      if (typeof query !== 'string') return undefined;
      const url = new URL(endpoint);
      if (pelias) {
        url.searchParams.set('text', query);
        url.searchParams.set('size', '5');
      } else {
        url.searchParams.set('q', query);
        url.searchParams.set('format', 'jsonv2');
        url.searchParams.set('limit', '5');
      }
      let response: Response;
      try {
        response = await doFetch(url, {
          signal,
          headers: { accept: 'application/json', 'user-agent': options.userAgent ?? 'open311-bot' },
        });
      } catch (error) {
        if (signal?.aborted) throw new GeocoderError('timeout', 'the geocoder did not answer in time');
        throw new GeocoderError('unavailable', `geocoder unreachable: ${(error as Error).message}`);
      }
      if (response.status === 401 || response.status === 403) {
        await response.body?.cancel();
        throw new GeocoderError('bad-key', `the geocoder refused the request (${response.status})`);
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new GeocoderError('unavailable', `the geocoder answered ${response.status}`);
      }
      const body: unknown = await response.json().catch(() => undefined);
      const found = Array.isArray(body) ? fromNominatim(body) : isBag(body) ? fromPelias(body) : undefined;
      if (!found) throw new GeocoderError('bad-response', 'the geocoder answered something unreadable');
      return found
        .filter((f) => f.address !== '' && Number.isFinite(f.lat) && Number.isFinite(f.long))
        .map((f): GeocodeCandidate => {
          const area = options.areas?.at(f);
          return {
            ...f,
            districts: area?.districts ?? {},
            ...(area?.trashDay ? { trashDay: area.trashDay } : {}),
          };
        });
    },
  };
}
