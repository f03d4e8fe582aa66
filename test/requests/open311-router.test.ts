import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { XMLParser } from 'fast-xml-parser';
import { createOpen311Router } from '../../requests/open311-router.js';
import type { ServiceRequest, TrackingNumber } from '../../requests/types.js';
import {
  createdSchema,
  discoverySchema,
  errorsSchema,
  requestsSchema,
  serviceDefinitionSchema,
  servicesSchema,
} from './open311-schemas.js';
import { createRequestStack, type RequestStack, serve } from './request-fixture.js';

const API_KEY = 'test-open311-key';

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
ajv.addFormat('date-time', {
  type: 'string',
  validate: (s: string) =>
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s) && !Number.isNaN(Date.parse(s)),
});
function assertSchema(schema: object, data: unknown): void {
  const validate = ajv.compile(schema);
  assert.ok(validate(data), ajv.errorsText(validate.errors, { dataVar: 'response' }));
}

const LIST_ITEMS = new Set(['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format']);
const xml = new XMLParser({ parseTagValue: false, isArray: (name) => LIST_ITEMS.has(name) });
type XmlDoc = Record<string, Record<string, Record<string, string>[]>>;

describe('Open311 GeoReport v2 API', () => {
  let stack: RequestStack;
  let server: { url: string; close(): Promise<void> };

  /** The router under test over this test's stack, with any further options. */
  const router = (more: Partial<Parameters<typeof createOpen311Router>[0]> = {}) =>
    createOpen311Router({
      requests: stack.requests,
      catalog: stack.catalog,
      apiKey: API_KEY,
      clock: stack.now,
      ...more,
    });

  beforeEach(async () => {
    stack = await createRequestStack();
    server = await serve('/open311/v2', router());
  });
  afterEach(async () => {
    await server.close();
    await stack.close();
  });

  const get = (path: string) => fetch(`${server.url}${path}`);
  const post = (path: string, fields: Record<string, string | string[] | undefined>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) {
      for (const one of v === undefined ? [] : [v].flat()) body.append(k, one);
    }
    return fetch(`${server.url}${path}`, { method: 'POST', body });
  };
  const pothole = (extra: Record<string, string | string[] | undefined> = {}) => ({
    api_key: API_KEY,
    service_code: 'pothole',
    lat: '39.9474',
    long: '-75.1617',
    address_string: '1234 spruce street',
    description: 'Deep pothole in the right lane',
    'attribute[size]': 'large',
    ...extra,
  });

  describe('discovery and services', () => {
    it('describes the endpoint and its formats', async () => {
      const res = await get('/discovery.json');
      assert.equal(res.status, 200);
      const body = await res.json();
      assertSchema(discoverySchema, body);
      assert.equal(body.endpoints[0].url, server.url);
      const doc = xml.parse(await (await get('/discovery.xml')).text());
      assert.deepEqual(doc.discovery.endpoints.endpoint[0].formats.format, ['text/xml', 'application/json']);
    });

    it('lists every service of the catalog, in JSON and in XML', async () => {
      const res = await get('/services.json');
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      const body = (await res.json()) as { service_code: string; service_name: string; metadata: boolean }[];
      assertSchema(servicesSchema, body);
      assert.equal(body.length, stack.catalog.services.length);
      const graffiti = body.find((s) => s.service_code === 'graffiti');
      assert.equal(graffiti?.service_name, 'Graffiti Removal');
      assert.equal(graffiti?.metadata, true);

      const xmlRes = await get('/services.xml');
      assert.match(xmlRes.headers.get('content-type') ?? '', /text\/xml/);
      const text = await xmlRes.text();
      assert.match(text, /^<\?xml version="1.0" encoding="utf-8"\?>/);
      const doc = xml.parse(text) as XmlDoc;
      const services = doc.services!.service!;
      assert.equal(services.length, stack.catalog.services.length);
      assert.equal(
        services.find((s) => s.service_code === 'abandoned-vehicle')?.service_name,
        'Abandoned Vehicle',
      );
    });

    it('defines a service with its attributes and list values', async () => {
      const body = await (await get('/services/illegal-dumping.json')).json();
      assertSchema(serviceDefinitionSchema, body);
      const dumped = body.attributes.find((a: { code: string }) => a.code === 'dumped_items');
      assert.equal(dumped.datatype, 'multivaluelist');
      assert.equal(dumped.required, true);
      assert.ok(dumped.values.some((v: { key: string }) => v.key === 'tires'));

      const doc = xml.parse(await (await get('/services/abandoned-vehicle.xml')).text());
      const definition = doc.service_definition;
      assert.equal(definition.service_code, 'abandoned-vehicle');
      const make = definition.attributes.attribute.find((a: { code: string }) => a.code === 'make');
      assert.equal(make.required, 'true');
      assert.equal(make.datatype, 'string');
      const condition = definition.attributes.attribute.find((a: { code: string }) => a.code === 'condition');
      assert.ok(condition.values.value.length >= 3);
    });

    it('answers 404 with an error list for an unknown service, in either format', async () => {
      const res = await get('/services/unicorns.json');
      assert.equal(res.status, 404);
      const body = await res.json();
      assertSchema(errorsSchema, body);
      assert.equal(body[0].code, 404);
      const xmlRes = await get('/services/unicorns.xml');
      assert.equal(xmlRes.status, 404);
      const doc = xml.parse(await xmlRes.text()) as XmlDoc;
      assert.equal(doc.errors!.error![0]!.code, '404');
      assert.equal((await get('/services.yaml')).status, 404);
    });
  });

  describe('POST requests', () => {
    it('files a request and gives its id; the bot sees the same record', async () => {
      const res = await post(
        '/requests.json',
        pothole({ media_url: 'https://example.org/p.jpg', account_id: 'liaison-7' }),
      );
      assert.equal(res.status, 201);
      const body = await res.json();
      assertSchema(createdSchema, body);
      assert.equal(body[0].account_id, 'liaison-7');
      const id = body[0].service_request_id as TrackingNumber;
      const stored = await stack.requests.get(id);
      assert.equal(stored?.location.address, '1234 Spruce St');
      assert.equal(stored?.requester.channel, 'open311');
      assert.deepEqual(stored?.attributes, { size: 'large' });

      const shown = await (await get(`/requests/${id}.json`)).json();
      assertSchema(requestsSchema, shown);
      assert.equal(shown.length, 1);
      assert.equal(shown[0].status, 'open');
      assert.equal(shown[0].service_name, 'Street Defect (Pothole)');
      assert.equal(shown[0].agency_responsible, 'Streets Department');
      assert.equal(shown[0].lat, 39.9474);
      assert.equal(shown[0].media_url, 'https://example.org/p.jpg');
      // Filed Friday before Memorial Day: expected Thursday.
      assert.match(shown[0].expected_datetime, /^2026-05-28T/);
    });

    it('answers in XML with a service_requests list', async () => {
      const res = await post('/requests.xml', pothole());
      assert.equal(res.status, 201);
      const doc = xml.parse(await res.text()) as XmlDoc;
      assert.match(doc.service_requests!.request![0]!.service_request_id!, /^\d{8}$/);
    });

    it('keeps markup in a description as text and drops control characters, so the XML stays valid', async () => {
      const res = await post('/requests.json', pothole({ description: 'Hole\u0001 & <b>deep</b> "here"' }));
      const [created] = await res.json();
      const doc = xml.parse(
        await (await get(`/requests/${created.service_request_id}.xml`)).text(),
      ) as XmlDoc;
      assert.equal(doc.service_requests!.request![0]!.description, 'Hole & <b>deep</b> "here"');
    });

    it('takes several values of a multi-value attribute and tells of an open duplicate', async () => {
      const first = await post('/requests.json', {
        api_key: API_KEY,
        service_code: 'illegal-dumping',
        address_string: '26th and oxford',
        'attribute[dumped_items][]': ['tires', 'furniture'],
      });
      assert.equal(first.status, 201);
      const [created] = await first.json();
      assert.deepEqual((await stack.requests.get(created.service_request_id))?.attributes, {
        dumped_items: ['tires', 'furniture'],
      });
      const second = await post('/requests.json', {
        api_key: API_KEY,
        service_code: 'illegal-dumping',
        address_string: '26th St & Oxford St',
        'attribute[dumped_items]': 'tires',
      });
      const [again] = await second.json();
      assert.match(again.service_notice, new RegExp(created.service_request_id));
    });

    const refusals: [string, Record<string, string | undefined>, number, RegExp][] = [
      ['a missing api_key', { api_key: '' }, 403, /^api_key is required$/],
      ['a wrong api_key', { api_key: 'guess' }, 403, /^invalid api_key$/],
      ['a missing service_code', { service_code: '' }, 400, /service_code/],
      ['an unknown service_code (404, as the spec says)', { service_code: 'unicorns' }, 404, /service_code/],
      ['no location', { lat: undefined, long: undefined, address_string: undefined }, 400, /location/],
      ['a latitude that is not a number', { lat: 'north' }, 400, /lat/],
      ['a 10,000-character description', { description: 'x'.repeat(10_000) }, 400, /description/],
      ['an attribute value not in the list', { 'attribute[size]': 'enormous' }, 400, /size/],
      ['an attribute the service lacks', { 'attribute[colour]': 'red' }, 400, /colour/],
      [
        'a report of a gas leak (911, not a request)',
        { description: 'I smell gas near the hole' },
        400,
        /911/,
      ],
    ];
    for (const [what, fields, status, mentions] of refusals) {
      it(`refuses ${what} with ${status}, saying why, and stores nothing`, async () => {
        const res = await post('/requests.json', pothole(fields));
        assert.equal(res.status, status);
        const body = await res.json();
        assertSchema(errorsSchema, body);
        assert.equal(body[0].code, status);
        assert.match(body[0].description, mentions);
        assert.deepEqual(await stack.store.find({}), []);
      });
    }

    it('refuses a missing required attribute, naming it', async () => {
      const res = await post('/requests.xml', {
        api_key: API_KEY,
        service_code: 'abandoned-vehicle',
        address_string: '1234 Spruce St',
        'attribute[make]': 'Honda',
      });
      assert.equal(res.status, 400);
      const doc = xml.parse(await res.text()) as XmlDoc;
      assert.match(doc.errors!.error![0]!.description!, /color/);
      assert.deepEqual(await stack.store.find({}), []);
    });

    it('refuses posting when no api_key is configured', async () => {
      const closed = await serve(
        '/open311/v2',
        createOpen311Router({ requests: stack.requests, catalog: stack.catalog }),
      );
      try {
        const res = await fetch(`${closed.url}/requests.json`, {
          method: 'POST',
          body: new URLSearchParams(pothole()),
        });
        assert.equal(res.status, 403);
        assert.equal((await fetch(`${closed.url}/services.json`)).status, 200);
      } finally {
        await closed.close();
      }
      assert.deepEqual(await stack.store.find({}), []);
    });

    it('refuses an oversized body with 413 and an error list', async () => {
      const res = await post('/requests.json', pothole({ description: 'x'.repeat(40_000) }));
      assert.equal(res.status, 413);
      assertSchema(errorsSchema, await res.json());
      assert.deepEqual(await stack.store.find({}), []);
    });
  });

  describe('one jurisdiction, liaison accounts kept to liaisons', () => {
    let scoped: { url: string; close(): Promise<void> };
    beforeEach(async () => {
      scoped = await serve(
        '/open311/v2',
        router({ jurisdictionId: 'phila.gov', isLiaisonAccount: async (id) => id === 'LA-KENSINGTON' }),
      );
    });
    afterEach(() => scoped.close());
    const postScoped = (fields: Record<string, string>) =>
      fetch(`${scoped.url}/requests.json`, { method: 'POST', body: new URLSearchParams(fields) });

    it('serves requests naming its jurisdiction or none, and answers another jurisdiction with 404', async () => {
      assert.equal((await fetch(`${scoped.url}/services.json?jurisdiction_id=phila.gov`)).status, 200);
      assert.equal((await fetch(`${scoped.url}/services.json`)).status, 200);
      const other = await fetch(`${scoped.url}/services.xml?jurisdiction_id=nyc.gov`);
      assert.equal(other.status, 404);
      const doc = xml.parse(await other.text()) as XmlDoc;
      assert.match(doc.errors!.error![0]!.description!, /nyc\.gov.*not served here/);

      const wrong = await postScoped(pothole({ jurisdiction_id: 'nyc.gov' }));
      assert.equal(wrong.status, 404);
      assertSchema(errorsSchema, await wrong.json());
      assert.deepEqual(await stack.store.find({}), [], 'nothing filed for another jurisdiction');
      assert.equal((await postScoped(pothole({ jurisdiction_id: 'PHILA.GOV' }))).status, 201);
    });

    it("refuses to file under a Neighborhood Liaison's account_id (403) and stores nothing", async () => {
      const res = await postScoped(pothole({ account_id: 'LA-KENSINGTON' }));
      assert.equal(res.status, 403);
      const [error] = (await res.json()) as { description: string }[];
      assert.match(error!.description, /Neighborhood Liaison account/);
      assert.deepEqual(await stack.store.find({}), []);
      const own = await postScoped(pothole({ account_id: 'app-user-42' }));
      assert.equal(own.status, 201, "a client's own account ids are still taken");
    });
  });

  describe('GET requests', () => {
    async function seed(): Promise<Record<string, ServiceRequest>> {
      const file = (serviceCode: string, address: string, attributes: Record<string, string>) =>
        stack.requests.file({
          serviceCode,
          location: { address },
          description: 'seen',
          attributes,
          requester: { channel: 'sms', userId: '+12155550100' },
        });
      stack.at('2026-01-10T15:00:00.000Z');
      const old = await file('pothole', '1 Main St', {});
      stack.at('2026-05-01T15:00:00.000Z');
      const fixed = await file('pothole', '2 Main St', {});
      stack.at('2026-05-10T15:00:00.000Z');
      const graffiti = await file('graffiti', '3 Main St', { surface: 'fence', owner_consent: 'owner' });
      stack.at('2026-05-12T15:00:00.000Z');
      const dup = await file('pothole', '2 Main St', {});
      await stack.requests.changeStatus(fixed.id, { status: 'closed-fixed', note: 'Filled', by: 'staff' });
      await stack.requests.changeStatus(dup.id, { status: 'duplicate', parent: fixed.id, by: 'staff' });
      stack.at('2026-05-22T14:00:00.000Z');
      return { old, fixed, graffiti, dup } as Record<string, ServiceRequest>;
    }
    const ids = async (res: Response) => {
      const body = (await res.json()) as { service_request_id: string }[];
      assertSchema(requestsSchema, body);
      return body.map((r) => r.service_request_id);
    };

    it('lists the last 90 days by default, newest first, with status and notes', async () => {
      const s = await seed();
      const res = await get('/requests.json');
      const body = await res.clone().json();
      assert.deepEqual(await ids(res), [s.dup!.id, s.graffiti!.id, s.fixed!.id]);
      const fixed = body.find((r: { service_request_id: string }) => r.service_request_id === s.fixed!.id);
      assert.equal(fixed.status, 'closed');
      assert.equal(fixed.status_notes, 'Fixed: Filled');
      const dup = body.find((r: { service_request_id: string }) => r.service_request_id === s.dup!.id);
      assert.equal(dup.status_notes, `Duplicate of request ${s.fixed!.id}`);
    });

    it('filters by ids, service code, status and dates', async () => {
      const s = await seed();
      assert.deepEqual(
        await ids(await get(`/requests.json?service_request_id=${s.old!.id},${s.graffiti!.id}`)),
        [s.graffiti!.id, s.old!.id],
      );
      assert.deepEqual(await ids(await get('/requests.json?service_code=graffiti')), [s.graffiti!.id]);
      assert.deepEqual(await ids(await get('/requests.json?status=open')), [s.graffiti!.id]);
      assert.deepEqual(await ids(await get('/requests.json?status=closed')), [s.dup!.id, s.fixed!.id]);
      assert.deepEqual(
        await ids(await get('/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-05-05T00:00:00Z')),
        [s.fixed!.id, s.old!.id],
      );
      const doc = xml.parse(await (await get('/requests.xml?service_code=graffiti')).text()) as XmlDoc;
      assert.equal(doc.service_requests!.request![0]!.service_request_id, s.graffiti!.id);
      assert.equal(doc.service_requests!.request![0]!.status, 'open');
    });

    it('returns at most 1,000 requests', async () => {
      await Promise.all(
        Array.from({ length: 1005 }, (_, i) =>
          stack.requests.file({
            serviceCode: 'pothole',
            location: { address: `${i + 1} Main St` },
            requester: { channel: 'sms', userId: '+12155550100' },
          }),
        ),
      );
      const body = await (await get('/requests.json')).json();
      assert.equal(body.length, 1000);
    });

    it('answers 400 for a bad status or date, 404 for an unknown id', async () => {
      const s = await seed();
      assert.equal((await get('/requests.json?status=pending')).status, 400);
      assert.equal((await get('/requests.json?start_date=yesterday')).status, 400);
      const missing = await get('/requests/99999999.json');
      assert.equal(missing.status, 404);
      assertSchema(errorsSchema, await missing.json());
      const doc = xml.parse(await (await get('/requests/not-a-number.xml')).text()) as XmlDoc;
      assert.equal(doc.errors!.error![0]!.code, '404');
      assert.equal((await get(`/requests/${s.old!.id}.json`)).status, 200);
    });

    it('never shows who filed a request or how to reach them', async () => {
      await seed();
      const text = await (await get('/requests.json')).text();
      assert.doesNotMatch(text, /2155550100|requester|followers/);
    });
  });
});
