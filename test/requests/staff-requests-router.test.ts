import assert from 'node:assert/strict';
import { createStaffRequestsRouter } from '../../requests/staff-requests-router.js';
import type { ServiceRequest, StatusChange } from '../../requests/types.js';
import { createRequestStack, type RequestStack, serve } from './request-fixture.js';

const TOKEN = 'staff-secret-token';

describe('staff requests API', () => {
  let stack: RequestStack;
  let server: { url: string; close(): Promise<void> };
  let heard: [ServiceRequest, StatusChange][];
  let filed: ServiceRequest;

  beforeEach(async () => {
    stack = await createRequestStack();
    heard = [];
    stack.requests.addListener({
      statusChanged: async (request, change) => {
        heard.push([request, change]);
      },
    });
    filed = await stack.requests.file({
      serviceCode: 'pothole',
      location: { address: '1234 Spruce St' },
      description: 'Deep pothole',
      requester: { channel: 'sms', userId: '+12155550100' },
    });
    server = await serve(
      '/',
      createStaffRequestsRouter({ requests: stack.requests, catalog: stack.catalog, staffToken: TOKEN }),
    );
  });
  afterEach(async () => {
    await server.close();
    await stack.close();
  });

  const call = (method: string, path: string, body?: unknown, token: string | null = TOKEN) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('records a status change with its note and hands it to the notifier', async () => {
    stack.at('2026-05-26T13:00:00.000Z');
    const res = await call('PATCH', `/${filed.id}`, {
      status: 'scheduled',
      note: 'Crew on Wednesday',
    });
    assert.equal(res.status, 200);
    const { request } = await res.json();
    assert.equal(request.status, 'scheduled');
    assert.equal(request.statusNotes, 'Crew on Wednesday');
    assert.deepEqual(
      request.history.map((h: StatusChange) => [h.status, h.by]),
      [
        ['received', 'system'],
        ['scheduled', 'staff'],
      ],
    );
    assert.equal(heard.length, 1);
    assert.equal(heard[0]![1].note, 'Crew on Wednesday');
    assert.equal((await stack.requests.get(filed.id))?.status, 'scheduled');
  });

  it('marks a duplicate with its parent', async () => {
    const parent = await stack.requests.file({
      serviceCode: 'pothole',
      location: { address: '1230 Spruce St' },
      requester: { channel: 'x', userId: '42' },
    });
    const res = await call('PATCH', `/${filed.id}`, { status: 'duplicate', parent: parent.id });
    assert.equal(res.status, 200);
    assert.equal((await stack.requests.get(filed.id))?.history.at(-1)?.parent, parent.id);
  });

  const bad: [string, unknown, string][] = [
    ['an unknown status', { status: 'done' }, 'INVALID_STATUS'],
    ['no status', { note: 'hi' }, 'INVALID_STATUS'],
    ['closing as unfounded without a reason', { status: 'closed-unfounded' }, 'MISSING_REASON'],
    ['a duplicate without a parent', { status: 'duplicate' }, 'MISSING_PARENT'],
    ['a duplicate of an unknown request', { status: 'duplicate', parent: '99999999' }, 'INVALID_PARENT'],
    ['going back to received', { status: 'received', note: 'x' }, 'INVALID_TRANSITION'],
  ];
  for (const [what, body, code] of bad) {
    it(`answers 400 ${code} for ${what} and changes nothing`, async () => {
      const res = await call('PATCH', `/${filed.id}`, body);
      assert.equal(res.status, 400);
      const json = await res.json();
      assert.equal(json.error.code, code);
      assert.equal((await stack.requests.get(filed.id))?.history.length, 1);
      assert.equal(heard.length, 0);
    });
  }

  it('answers 400 naming a field it does not know ("notes" for "note") and changes nothing', async () => {
    for (const [body, field] of [
      ['{"status": "in-progress", "notes": "Crew on Wednesday"}', 'notes'],
      ['{"status": "in-progress", "note": "x", "Status": "closed"}', 'Status'],
      ['{"status": "in-progress", "__proto__": {"note": "x"}}', '__proto__'],
    ]) {
      const res = await fetch(`${server.url}/${filed.id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body,
      });
      assert.equal(res.status, 400, field);
      assert.deepEqual((await res.json()).error, {
        code: 'UNKNOWN_FIELD',
        message: `unknown field "${field}" (use status, note, parent)`,
        field,
      });
    }
    const list = await fetch(`${server.url}/${filed.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: '[{"status":"in-progress"}]',
    });
    assert.equal(list.status, 400);
    assert.equal((await list.json()).error.code, 'BAD_REQUEST');
    assert.equal((await stack.requests.get(filed.id))?.history.length, 1);
    assert.equal(heard.length, 0);
  });

  it('answers 404 for an unknown request', async () => {
    const res = await call('PATCH', '/99999999', { status: 'in-progress' });
    assert.equal(res.status, 404);
    assert.equal((await res.json()).error.code, 'NOT_FOUND');
    assert.equal((await call('PATCH', '/abc', { status: 'in-progress' })).status, 404);
  });

  it('answers 401 without a token and 403 with a wrong one, and changes nothing', async () => {
    const none = await call('PATCH', `/${filed.id}`, { status: 'in-progress' }, null);
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer');
    assert.equal((await call('GET', '', undefined, 'wrong')).status, 403);
    assert.equal((await call('PATCH', `/${filed.id}`, { status: 'in-progress' }, 'wrong')).status, 403);
    assert.equal((await stack.requests.get(filed.id))?.status, 'received');
  });

  it('answers 503 "not configured" when STAFF_TOKEN is not set: never open', async () => {
    const closed = await serve(
      '/',
      createStaffRequestsRouter({ requests: stack.requests, catalog: stack.catalog }),
    );
    try {
      for (const token of [undefined, '', TOKEN]) {
        const res = await fetch(closed.url, {
          headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
        });
        assert.equal(res.status, 503);
        assert.equal((await res.json()).error.code, 'NOT_CONFIGURED');
      }
    } finally {
      await closed.close();
    }
  });

  it('lists recent requests for the console, filtered by status, with delays marked', async () => {
    stack.at('2026-05-22T15:00:00.000Z');
    const graffiti = await stack.requests.file({
      serviceCode: 'graffiti',
      location: { address: '5 Main St' },
      attributes: { surface: 'fence', owner_consent: 'owner' },
      requester: { channel: 'slack', userId: 'U1' },
    });
    await stack.requests.changeStatus(graffiti.id, { status: 'closed-fixed', by: 'staff' });
    stack.at('2026-05-29T15:00:00.000Z'); // the pothole was expected Thursday the 28th
    const all = await (await call('GET', '')).json();
    assert.deepEqual(
      all.requests.map((r: { id: string }) => r.id),
      [graffiti.id, filed.id],
    );
    const pothole = all.requests[1];
    assert.equal(pothole.serviceName, 'Street Defect (Pothole)');
    assert.equal(pothole.location.address, '1234 Spruce St');
    assert.equal(pothole.delayed, true);
    assert.equal(pothole.channel, 'sms');
    assert.doesNotMatch(JSON.stringify(all), /2155550100/);

    const open = await (await call('GET', '?status=open')).json();
    assert.deepEqual(
      open.requests.map((r: { id: string }) => r.id),
      [filed.id],
    );
    await stack.requests.file({
      serviceCode: 'pothole',
      location: { address: '9 Main St' },
      requester: { channel: 'sms', userId: '+12155550111' },
    }); // filed today: open, not delayed
    const delayed = await (await call('GET', '?status=delayed')).json();
    assert.deepEqual(
      delayed.requests.map((r: { id: string }) => r.id),
      [filed.id],
    );
    const fixed = await (await call('GET', '?status=closed-fixed&limit=1')).json();
    assert.deepEqual(
      fixed.requests.map((r: { id: string }) => r.id),
      [graffiti.id],
    );
    assert.equal((await call('GET', '?status=whatever')).status, 400);
    assert.equal((await call('GET', '?limit=0')).status, 400);
    assert.equal((await call('GET', '?limit=100000')).status, 400);
  });

  it('refuses a body that is not JSON or too large without changing anything', async () => {
    const res = await fetch(`${server.url}/${filed.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: '{"status": ',
    });
    assert.equal(res.status, 400);
    const big = await call('PATCH', `/${filed.id}`, {
      status: 'in-progress',
      note: 'x'.repeat(20_000),
    });
    assert.equal(big.status, 413);
    assert.equal((await stack.requests.get(filed.id))?.status, 'received');
  });
});
