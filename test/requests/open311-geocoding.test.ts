import assert from 'node:assert/strict';
import { PHILADELPHIA_BOUNDS } from '../../bot/config.js';
import {
  type AddressLookup,
  aisGeocoder,
  defaultGeocoderFile,
  fileGeocoder,
  type GeocodeCandidate,
  type Geocoder,
  loadAddressFile,
  resilientGeocoder,
} from '../../requests/geocoder/index.js';
import { createOpen311Router } from '../../requests/open311-router.js';
import { FAKE_AIS_KEY, startFakeAis } from '../helpers/fake-ais.js';
import { createRequestStack, type RequestStack, serve } from './request-fixture.js';

const API_KEY = 'test-open311-key';

interface Listed {
  service_request_id: string;
  address: string | null;
  lat: number | null;
  long: number | null;
  service_notice: string | null;
}

/** Open311 POST /requests over real HTTP, through a RequestService holding `geocoder`. */
describe('Open311 POST requests: an address_string without lat/long is geocoded', () => {
  let sample: Geocoder;
  let stack: RequestStack;
  let server: { url: string; close(): Promise<void> };

  before(async () => {
    sample = fileGeocoder(await loadAddressFile(defaultGeocoderFile()));
  });

  async function start(geocoder: AddressLookup): Promise<void> {
    stack = await createRequestStack(undefined, { geocoder });
    server = await serve(
      '/open311/v2',
      createOpen311Router({
        requests: stack.requests,
        catalog: stack.catalog,
        apiKey: API_KEY,
        cityBounds: PHILADELPHIA_BOUNDS,
        clock: stack.now,
      }),
    );
  }
  afterEach(async () => {
    await server?.close();
    await stack?.close();
  });

  /** Files a pothole; resolves the stored request as Open311 lists it. */
  async function file(where: Record<string, string>): Promise<Listed> {
    const res = await fetch(`${server.url}/requests.json`, {
      method: 'POST',
      body: new URLSearchParams({
        api_key: API_KEY,
        service_code: 'pothole',
        description: 'Deep pothole in the right lane',
        'attribute[size]': 'large',
        ...where,
      }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    const [created] = (await res.json()) as { service_request_id: string; service_notice: string | null }[];
    const [listed] = (await (
      await fetch(`${server.url}/requests/${created!.service_request_id}.json`)
    ).json()) as Listed[];
    return { ...listed!, service_notice: created!.service_notice };
  }

  const ids = async (query: string) =>
    ((await (await fetch(`${server.url}/requests.json?${query}`)).json()) as Listed[]).map(
      (r) => r.service_request_id,
    );

  /** The sample's one place for `address`, read straight from the file. */
  async function placeOf(address: string): Promise<GeocodeCandidate> {
    const found = await sample.search(address);
    assert.equal(found?.length, 1, `the sample has one place for ${address}`);
    return found![0]!;
  }

  it('stores the standard address, lat/long and districts, so district filters and 50 m duplicates find it', async () => {
    await start(resilientGeocoder(sample));
    const place = await placeOf('1234 Spruce St');
    const filed = await file({ address_string: '1234 spruce street' });
    assert.equal(filed.address, '1234 Spruce St');
    assert.deepEqual([filed.lat, filed.long], [place.lat, place.long]);
    const stored = await stack.store.get(filed.service_request_id as never);
    assert.deepEqual(stored?.location.districts, place.districts);
    const council = place.districts.council!;
    assert.deepEqual(await ids(`council_district=${council}`), [filed.service_request_id]);

    // Typed differently, a few doors along: the same problem within 50 m.
    const next = await file({ address_string: '1236 SPRUCE' });
    assert.ok(next.lat !== null, 'the second address is placed too');
    assert.match(next.service_notice ?? '', new RegExp(`Request ${filed.service_request_id} `));
  });

  it('files an address the geocoder does not find, covers or can tell apart as typed, without coordinates', async () => {
    await start(resilientGeocoder(sample));
    // A house number the sample's Spruce St blocks do not hold, a street it does not list,
    // and "5th St", which is both N 5th and S 5th.
    for (const typed of ['1590 Spruce St', '1500 Market St', '500 5th St']) {
      const filed = await file({ address_string: typed });
      assert.equal(filed.address, typed);
      assert.deepEqual([filed.lat, filed.long], [null, null], typed);
      assert.equal((await stack.store.get(filed.service_request_id as never))?.location.districts, undefined);
    }
  });

  it('keeps the lat/long a client sends and adds the districts of that point', async () => {
    await start(resilientGeocoder(sample));
    const place = await placeOf('1234 Spruce St');
    const filed = await file({
      lat: String(place.lat),
      long: String(place.long),
      address_string: 'by the school',
    });
    assert.deepEqual([filed.address, filed.lat, filed.long], ['by the school', place.lat, place.long]);
    const stored = await stack.store.get(filed.service_request_id as never);
    assert.deepEqual(stored?.location.districts, place.districts);
  });

  it('files the typed address when the geocoder is down (AIS answering 500), never refusing the request', async () => {
    const ais = await startFakeAis({});
    ais.mode = 'error';
    try {
      await start(resilientGeocoder(aisGeocoder({ url: ais.url, key: FAKE_AIS_KEY }), { timeoutMs: 500 }));
      const filed = await file({ address_string: '1234 Spruce St' });
      assert.equal(filed.address, '1234 Spruce St');
      assert.equal(filed.lat, null);
      assert.equal(ais.searches.length, 1, 'the address was looked up');
    } finally {
      await ais.close();
    }
  });

  it('does not place a request outside the city when the geocoder answers with a point there', async () => {
    // A made-up match far west of the city's box (config.cityBounds).
    const ais = await startFakeAis({
      '12 ELM ST': [{ street_address: '12 ELM ST', lat: 40.44, lng: -79.99, council_district_2024: '7' }],
    });
    try {
      await start(resilientGeocoder(aisGeocoder({ url: ais.url, key: FAKE_AIS_KEY })));
      const filed = await file({ address_string: '12 Elm St' });
      assert.deepEqual([filed.address, filed.lat, filed.long], ['12 Elm St', null, null]);
      assert.deepEqual(await ids('council_district=7'), []);
    } finally {
      await ais.close();
    }
  });
});
