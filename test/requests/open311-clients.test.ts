/**
 * Open311 GeoReport v2 as real clients call it (issue 11): keys in the query
 * string, multipart forms, other content types, browsers (CORS) and strict
 * values - over real HTTP on loopback against the router mounted as main.ts
 * mounts it (at /open311/v2, with the city's bounds and the CORS origins).
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { Ajv } from 'ajv';
import { PHILADELPHIA_BOUNDS } from '../../bot/config.js';
import { createOpen311Router, type StoreMedia } from '../../requests/open311-router.js';
import type { TrackingNumber } from '../../requests/types.js';
import { errorsSchema } from './open311-schemas.js';
import { createRequestStack, type RequestStack, serve } from './request-fixture.js';

const API_KEY = 'test-open311-key';
const MAP_APP = 'https://map.example.org';
const ajv = new Ajv({ strict: false });
type Fields = Record<string, string | string[]>;
type Served = { url: string; close(): Promise<void> };

describe('Open311 as real clients call it', () => {
  let stack: RequestStack;
  let server: Served;
  const stored: Uint8Array[] = [];

  /** The photo store main.ts wires in (the web chat's uploads), reduced to what the router sees. */
  const storeMedia: StoreMedia = async (bytes, origin) => {
    if (bytes[0] !== 0x89) return { refused: 'Only JPEG, PNG, GIF or WebP images can be attached.' };
    stored.push(bytes);
    return { url: `${origin}/media/${stored.length}.png` };
  };
  const mount = (corsOrigins: '*' | readonly string[]) =>
    serve(
      '/open311/v2',
      createOpen311Router({
        requests: stack.requests,
        catalog: stack.catalog,
        apiKey: API_KEY,
        jurisdictionId: 'phila.gov',
        corsOrigins,
        cityBounds: PHILADELPHIA_BOUNDS,
        storeMedia,
        clock: stack.now,
      }),
    );

  beforeEach(async () => {
    stack = await createRequestStack();
    stored.length = 0;
    server = await mount('*');
  });
  afterEach(async () => {
    await server.close();
    await stack.close();
  });

  const form = (fields: Fields) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    return body;
  };
  const pothole = (extra: Fields = {}): Fields => ({
    api_key: API_KEY,
    service_code: 'pothole',
    lat: '39.9474',
    long: '-75.1617',
    address_string: '1234 Spruce St',
    description: 'Deep pothole in the right lane',
    ...extra,
  });
  const post = (fields: Fields, query = '', base = server.url) =>
    fetch(`${base}/requests.json${query}`, { method: 'POST', body: form(fields) });
  /** A raw form body, bytes exactly as given (fetch would re-encode bad escapes). */
  const postRaw = (body: string) =>
    fetch(`${server.url}/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
  const error = async (res: Response): Promise<string> => {
    const body = await res.json();
    assert.ok(ajv.validate(errorsSchema, body), JSON.stringify(body));
    assert.equal(body[0].code, res.status);
    return body[0].description as string;
  };
  const nothingFiled = async () => assert.deepEqual(await stack.store.find({}), []);

  it('answers a POST naming an unknown service_code with 404, as the spec says', async () => {
    const res = await post(pothole({ service_code: 'unicorns' }));
    assert.equal(res.status, 404);
    assert.match(await error(res), /service_code "unicorns"/);
    await nothingFiled();
  });

  it('reads api_key and jurisdiction_id from the query string too', async () => {
    const { api_key: _key, ...fields } = pothole();
    const filed = await post(fields, `?api_key=${API_KEY}&jurisdiction_id=phila.gov`);
    assert.equal(filed.status, 201);
    const missing = await post(fields);
    assert.equal(missing.status, 403);
    assert.equal(await error(missing), 'api_key is required');
    const wrong = await post(fields, '?api_key=guess');
    assert.equal(wrong.status, 403);
    assert.equal(await error(wrong), 'invalid api_key');
    const elsewhere = await post(fields, `?api_key=${API_KEY}&jurisdiction_id=nyc.gov`);
    assert.equal(elsewhere.status, 404);
    assert.equal((await stack.store.find({})).length, 1);
  });

  describe('content types', () => {
    it('files a multipart/form-data POST, with a photo as media becoming media_url', async () => {
      const body = new FormData();
      for (const [k, v] of Object.entries(pothole({ 'attribute[size]': 'large' }))) body.append(k, String(v));
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
      body.append('media', new Blob([png], { type: 'image/png' }), 'hole.png');
      const res = await fetch(`${server.url}/requests.json`, { method: 'POST', body });
      assert.equal(res.status, 201);
      const [created] = await res.json();
      const [shown] = await (await fetch(`${server.url}/requests/${created.service_request_id}.json`)).json();
      assert.equal(shown.media_url, `${new URL(server.url).origin}/media/1.png`);
      assert.deepEqual(stored[0], png);
      assert.equal(shown.description, 'Deep pothole in the right lane');
    });

    it('refuses a media file that is not a photo with 400 naming media, and files nothing', async () => {
      const body = new FormData();
      for (const [k, v] of Object.entries(pothole())) body.append(k, String(v));
      body.append('media', new Blob(['#!/bin/sh\necho hi\n'], { type: 'image/png' }), 'hole.png');
      const res = await fetch(`${server.url}/requests.json`, { method: 'POST', body });
      assert.equal(res.status, 400);
      assert.match(await error(res), /^media: /);
      await nothingFiled();
    });

    for (const [type, body] of [
      ['application/json', JSON.stringify(pothole())],
      ['text/plain', 'service_code=pothole'],
      ['application/xml', '<request/>'],
    ] as const) {
      it(`answers ${type} with 415 naming the types accepted`, async () => {
        const res = await fetch(`${server.url}/requests.json`, {
          method: 'POST',
          headers: { 'content-type': type },
          body,
        });
        assert.equal(res.status, 415);
        assert.match(await error(res), /application\/x-www-form-urlencoded or multipart\/form-data/);
        await nothingFiled();
      });
    }
  });

  describe('CORS', () => {
    const preflight = (base: string, origin: string, method: string) =>
      fetch(`${base}/requests.json`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': method,
          'access-control-request-headers': 'content-type',
        },
      });

    it("with '*': every read endpoint answers any origin; POST is not opened cross-origin", async () => {
      for (const path of ['/discovery.json', '/services.json', '/services/pothole.xml', '/requests.json']) {
        const res = await fetch(`${server.url}${path}`, { headers: { origin: 'https://anyone.example' } });
        assert.equal(res.status, 200, path);
        assert.equal(res.headers.get('access-control-allow-origin'), '*', path);
      }
      const read = await preflight(server.url, 'https://anyone.example', 'GET');
      assert.equal(read.status, 204);
      assert.equal(read.headers.get('access-control-allow-origin'), '*');
      assert.match(read.headers.get('access-control-allow-methods') ?? '', /GET/);
      assert.match(read.headers.get('access-control-allow-headers') ?? '', /content-type/i);
      const write = await preflight(server.url, 'https://anyone.example', 'POST');
      assert.equal(write.headers.get('access-control-allow-origin'), null);
      assert.equal(write.headers.get('access-control-allow-methods'), null);
      const sent = await fetch(`${server.url}/requests.json`, {
        method: 'POST',
        headers: { origin: 'https://anyone.example' },
        body: form(pothole()),
      });
      assert.equal(sent.status, 403, 'a form a foreign page posts without preflight is refused');
      assert.equal(sent.headers.get('access-control-allow-origin'), null);
      await nothingFiled();
    });

    it('with a list: listed origins read and post (echoed, Vary: Origin); others get no allow headers', async () => {
      const listed = await mount([MAP_APP]);
      try {
        const read = await fetch(`${listed.url}/services.json`, { headers: { origin: MAP_APP } });
        assert.equal(read.headers.get('access-control-allow-origin'), MAP_APP);
        assert.match(read.headers.get('vary') ?? '', /Origin/);
        const other = await fetch(`${listed.url}/services.json`, {
          headers: { origin: 'https://evil.example' },
        });
        assert.equal(other.headers.get('access-control-allow-origin'), null);

        const ok = await preflight(listed.url, MAP_APP, 'POST');
        assert.equal(ok.status, 204);
        assert.equal(ok.headers.get('access-control-allow-origin'), MAP_APP);
        assert.match(ok.headers.get('access-control-allow-methods') ?? '', /POST/);
        const evil = await preflight(listed.url, 'https://evil.example', 'POST');
        assert.equal(evil.headers.get('access-control-allow-origin'), null);
        assert.equal(evil.headers.get('access-control-allow-methods'), null);

        const filed = await fetch(`${listed.url}/requests.json`, {
          method: 'POST',
          headers: { origin: MAP_APP },
          body: form(pothole()),
        });
        assert.equal(filed.status, 201);
        assert.equal(filed.headers.get('access-control-allow-origin'), MAP_APP);
      } finally {
        await listed.close();
      }
    });
  });

  describe('strict values, each a 400 naming the field', () => {
    const refusals: [string, Fields, RegExp][] = [
      ['a hexadecimal lat', { lat: '0x27' }, /^lat /],
      ['an empty lat', { lat: '' }, /^lat /],
      ['a lat with a leading space', { lat: ' 39.9474' }, /^lat /],
      ['a lat with an exponent', { lat: '3.99474e1' }, /^lat /],
      ['an infinite long', { long: 'Infinity' }, /^long /],
      ['a lat outside the city (New York)', { lat: '40.7128', long: '-74.0060' }, /^lat .*outside the city/],
      ['a long outside the city', { long: '-75.5' }, /^long .*outside the city/],
      ['an e-mail address without a domain', { email: 'dana@' }, /^email /],
      ['a phone number that is words', { phone: 'call me maybe' }, /^phone /],
      [
        'a count below zero',
        { service_code: 'street-light-outage', 'attribute[lights_out]': '-2' },
        /lights_out/,
      ],
      [
        'a fractional count',
        { service_code: 'street-light-outage', 'attribute[lights_out]': '1.5' },
        /lights_out/,
      ],
      [
        'a collection date that does not exist',
        {
          service_code: 'missed-collection',
          'attribute[collection_type]': 'trash',
          'attribute[set_out_on_time]': 'yes',
          'attribute[collection_date]': '2026-02-30',
        },
        /collection_date/,
      ],
    ];
    for (const [what, fields, names] of refusals) {
      it(`refuses ${what}`, async () => {
        const res = await post(pothole(fields));
        assert.equal(res.status, 400);
        assert.match(await error(res), names);
        await nothingFiled();
      });
    }

    for (const [what, body] of [
      ['an overlong UTF-8 sequence (%C3%28)', 'description=hole%C3%28'],
      ['a byte that is never UTF-8 (%FF)', 'description=%FF'],
      ['a broken percent-escape (%G1)', 'description=100%G1'],
    ] as const) {
      it(`refuses text that is not UTF-8: ${what}, instead of storing it percent-encoded`, async () => {
        const res = await postRaw(`${form(pothole({ description: 'x' }))}`.replace('description=x', body));
        assert.equal(res.status, 400);
        assert.match(await error(res), /^description is not valid UTF-8/);
        await nothingFiled();
      });
    }

    it('refuses a multipart text part that is not UTF-8, naming it', async () => {
      const boundary = 'open311boundary';
      const part = (name: string, value: Buffer | string) =>
        Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`),
          Buffer.from(value),
          Buffer.from('\r\n'),
        ]);
      const fields = Object.entries(pothole()).filter(([k]) => k !== 'description');
      const body = Buffer.concat([
        ...fields.map(([k, v]) => part(k, String(v))),
        part('description', Buffer.from([0x68, 0x6f, 0x6c, 0x65, 0xff])),
        Buffer.from(`--${boundary}--\r\n`),
      ]);
      const res = await fetch(`${server.url}/requests.json`, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
      });
      assert.equal(res.status, 400);
      assert.match(await error(res), /^description is not valid UTF-8/);
      await nothingFiled();
    });

    it('removes control, bidi-override and zero-width characters from stored text, keeping lines and tabs', async () => {
      const res = await post(
        pothole({
          description: 'Deep\u0007 hole\u202E\u2066 near\u200B the\u2060 curb\uFEFF\nsecond line\twith a tab',
          address_string: '1234\u200D Spruce\u202A St',
          first_name: 'Da\u200Bna\u0000',
        }),
      );
      assert.equal(res.status, 201);
      const [created] = await res.json();
      const id = created.service_request_id as TrackingNumber;
      const [shown] = await (await fetch(`${server.url}/requests/${id}.json`)).json();
      assert.equal(shown.description, 'Deep hole near the curb\nsecond line\twith a tab');
      assert.equal(shown.address, '1234 Spruce St');
      assert.equal((await stack.requests.get(id))?.contact?.name, 'Dana');
    });

    it('refuses dates that do not exist and counts that are not whole numbers in GET requests', async () => {
      const checks: [string, RegExp][] = [
        ['start_date=2026-02-30', /^start_date /],
        ['end_date=2026-04-31T00:00:00Z', /^end_date /],
        ['start_date=2026-01-01T24:00:00Z', /^start_date /],
        ['page_size=-1', /^page_size /],
        ['page_size=1.5', /^page_size /],
        ['page_size=0x10', /^page_size /],
        ['page_size=1e3', /^page_size /],
        ['page=0', /^page /],
        ['service_code=%FF', /^service_code is not valid UTF-8/],
      ];
      for (const [query, names] of checks) {
        const res = await fetch(`${server.url}/requests.json?${query}`);
        assert.equal(res.status, 400, query);
        assert.match(await error(res), names, query);
      }
      assert.equal((await fetch(`${server.url}/requests.json?start_date=2024-02-29`)).status, 200);
    });

    it('pages through GET requests with page_size and page', async () => {
      const ids: string[] = [];
      for (const street of ['Spruce', 'Pine', 'Walnut']) {
        stack.at(`2026-05-2${ids.length}T12:00:00.000Z`);
        const res = await post(pothole({ address_string: `1 ${street} St`, lat: [], long: [] }));
        ids.push((await res.json())[0].service_request_id);
      }
      const page = async (q: string) =>
        (
          (await (await fetch(`${server.url}/requests.json?${q}`)).json()) as { service_request_id: string }[]
        ).map((r) => r.service_request_id);
      assert.deepEqual(await page('page_size=2'), [ids[2], ids[1]]);
      assert.deepEqual(await page('page_size=2&page=2'), [ids[0]]);
      assert.deepEqual(await page('page_size=0'), []);
    });
  });

  it('never answers 500 to a body that cannot be read', async () => {
    for (const [headers, body] of [
      [{ 'content-type': 'multipart/form-data; boundary=x' }, 'not multipart at all'],
      [{ 'content-type': 'multipart/form-data' }, '--x\r\n'],
      [{ 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'br2' }, 'a=1'],
    ] as const) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${server.url}/requests.json`, { method: 'POST', headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.once('error', reject);
        req.end(body);
      });
      assert.ok(status >= 400 && status < 500, `${JSON.stringify(headers)}: ${status}`);
    }
    await nothingFiled();
  });
});
