import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LoopbackServer, listenLoopback } from './loopback-server.js';

/**
 * A loopback fake of Philadelphia's AIS `/search/{address}`, answering the
 * documented shape: a GeoJSON FeatureCollection whose features carry
 * properties.street_address, rubbish_recycle_day, the district fields and
 * geometry.coordinates [lng, lat]; 404 when nothing matches; 403 for a wrong
 * gatekeeperKey. Addresses and districts are made up for tests.
 */
export interface FakeAisPlace {
  readonly street_address: string;
  readonly lng: number;
  readonly lat: number;
  readonly rubbish_recycle_day?: string;
  readonly council_district_2024?: string;
  readonly police_district?: string;
  readonly sanitation_district?: string;
  readonly match_type?: string;
}

export interface FakeAis extends LoopbackServer {
  /** Searches received (decoded), in order. */
  readonly searches: string[];
  /** Answers to come: 'slow' (never within the timeout), 500, or the normal answer. */
  mode: 'normal' | 'slow' | 'error';
}

export const FAKE_AIS_KEY = 'test-gatekeeper-key';

function feature(place: FakeAisPlace) {
  const { lng, lat, match_type, ...properties } = place;
  return {
    type: 'Feature',
    ais_feature_type: 'address',
    match_type: match_type ?? 'exact',
    properties,
    geometry: { geometry_type: 'Point', type: 'Point', coordinates: [lng, lat] },
  };
}

/** `places` maps an upper-case search text to the places AIS returns for it. */
export async function startFakeAis(
  places: Readonly<Record<string, readonly FakeAisPlace[]>>,
): Promise<FakeAis> {
  const searches: string[] = [];
  const state: { mode: FakeAis['mode'] } = { mode: 'normal' };
  const server = await listenLoopback((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const match = /^\/search\/(.+)$/.exec(url.pathname);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!match) return json(404, { status: 404, error: 'Not Found' });
    if (url.searchParams.get('gatekeeperKey') !== FAKE_AIS_KEY) {
      return json(403, { status: 403, error: 'Forbidden', message: 'Invalid gatekeeper key.' });
    }
    const query = decodeURIComponent(match[1]!).toUpperCase().replace(/\s+/g, ' ').trim();
    searches.push(query);
    if (state.mode === 'slow') return; // never answers; the client's timeout ends it
    if (state.mode === 'error') return json(500, { status: 500, error: 'Internal Server Error' });
    const found = places[query];
    if (!found || found.length === 0) {
      return json(404, {
        status: 404,
        error: 'Not Found',
        message: 'Could not find addresses matching query.',
      });
    }
    json(200, {
      type: 'FeatureCollection',
      ais_feature_type: 'address',
      search_type: 'address',
      search_params: {},
      query,
      normalized: found[0]!.street_address,
      total_size: found.length,
      page: 1,
      page_count: 1,
      page_size: found.length,
      features: found.map(feature),
    });
  });
  Object.defineProperty(server, 'searches', { value: searches });
  Object.defineProperty(server, 'mode', {
    get: () => state.mode,
    set: (value: FakeAis['mode']) => {
      state.mode = value;
    },
  });
  return server as FakeAis;
}
