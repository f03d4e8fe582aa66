import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createLiaisonRouter } from '../../requests/liaison-router.js';
import { createLiaisonStack, type LiaisonStack } from './liaison-fixture.js';

const TOKEN = 'staff-secret-token';
const auth = { authorization: `Bearer ${TOKEN}` };
const json = { ...auth, 'content-type': 'application/json' };

interface Served {
  readonly url: string;
  close(): Promise<void>;
}

async function serve(stack: LiaisonStack, staffToken: string | null = TOKEN): Promise<Served> {
  const app = express();
  app.use(
    createLiaisonRouter({
      liaisons: stack.liaisons,
      ...(staffToken === null ? {} : { staffToken }),
      serviceName: (code) => stack.catalog.get(code)?.name,
      clock: stack.now,
    }),
  );
  app.get('/api/other', (_req, res) => {
    res.json({ untouched: true });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('liaison staff API over HTTP', () => {
  let stack: LiaisonStack;
  let http: Served;

  beforeEach(async () => {
    stack = await createLiaisonStack();
    http = await serve(stack);
  });
  afterEach(async () => {
    await http.close();
    await stack.close();
  });

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = json) {
    const res = await fetch(`${http.url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async function create() {
    const res = await call('POST', '/api/liaisons', {
      name: 'Dana Reyes',
      neighborhood: 'Kensington',
      organisation: 'Kensington Civic Association',
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as { id: string; linkCode: string };
  }

  it('refuses without a token (401), with a wrong token (403), and answers 503 when none is configured', async () => {
    assert.equal((await call('GET', '/api/liaisons', undefined, {})).status, 401);
    assert.equal(
      (await call('GET', '/api/liaisons', undefined, { authorization: 'Bearer nope' })).status,
      403,
    );
    assert.equal((await call('POST', '/api/liaisons', { name: 'x' }, {})).status, 401);
    assert.equal((await call('GET', '/api/neighborhoods/Kensington/summary', undefined, {})).status, 401);
    assert.deepEqual(await stack.liaisons.list(), [], 'nothing was created');
    const other = await call('GET', '/api/other', undefined, {});
    assert.deepEqual(other, { status: 200, body: { untouched: true } }, 'other /api routes are not guarded');
    await http.close();
    http = await serve(stack, null);
    assert.equal((await call('GET', '/api/liaisons')).status, 503);
  });

  it('creates an account with a one-time code, and lists it without any code or hash', async () => {
    const created = await create();
    assert.equal(created.linkCode, 'KM7Q-4TXR-9HWD');
    const listed = await call('GET', '/api/liaisons', undefined, auth);
    assert.equal(listed.status, 200);
    const text = JSON.stringify(listed.body);
    assert.ok(!text.includes('KM7Q') && !text.includes('hash'), text);
    assert.deepEqual(
      (listed.body.liaisons as { id: string; name: string }[]).map((l) => [l.id, l.name]),
      [[created.id, 'Dana Reyes']],
    );
  });

  it('answers 400 naming the field for an incomplete account, and for a body that is not JSON', async () => {
    const res = await call('POST', '/api/liaisons', { name: 'Dana', neighborhood: 'Kensington' });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.error, {
      code: 'INVALID_FIELD',
      message: 'organisation is required',
      field: 'organisation',
    });
    assert.equal((await call('POST', '/api/liaisons', '{"name":', json)).status, 400);
  });

  it('issues a new code that replaces the old one, unlinks identities and revokes accounts', async () => {
    const created = await create();
    const fresh = await call('POST', `/api/liaisons/${created.id}/codes`, undefined, auth);
    assert.equal(fresh.status, 201);
    assert.equal(fresh.body.linkCode, 'PX3N-8VBC-2RTY');
    const phone = { channel: 'sms', userId: '+12155550111' };
    assert.equal(
      (await stack.liaisons.link(phone, created.linkCode)).outcome,
      'invalid',
      'old code replaced',
    );
    assert.equal((await stack.liaisons.link(phone, String(fresh.body.linkCode))).outcome, 'linked');

    const unlinked = await call(
      'DELETE',
      `/api/liaisons/${created.id}/identities/sms/${encodeURIComponent(phone.userId)}`,
      undefined,
      auth,
    );
    assert.equal(unlinked.status, 200);
    assert.equal(await stack.liaisons.accountFor(phone), undefined);
    const again = await call('DELETE', `/api/liaisons/${created.id}/identities/sms/%2B1`, undefined, auth);
    assert.equal(again.status, 404);

    const revoked = await call('DELETE', `/api/liaisons/${created.id}`, undefined, auth);
    assert.equal(revoked.status, 200);
    assert.ok((revoked.body.liaison as { revokedAt: string | null }).revokedAt);
    assert.equal((await call('POST', `/api/liaisons/${created.id}/codes`, undefined, auth)).status, 409);
    assert.equal((await call('DELETE', '/api/liaisons/LNOPE', undefined, auth)).status, 404);
  });

  it('imports a CSV (as text/csv) and lists the account requests with delayed ones marked', async () => {
    const created = await create();
    const csv =
      'service_code,address,description,noticed,size\n' +
      'pothole,"1234 Spruce St, rear",Deep,2026-11-14,large\n' +
      'pothole,,no address,,large\n';
    const res = await call('POST', `/api/liaisons/${created.id}/import`, csv, {
      ...auth,
      'content-type': 'text/csv',
    });
    assert.equal(res.status, 201);
    const filed = res.body.filed as { line: number; id: string }[];
    assert.deepEqual(
      filed.map((f) => f.line),
      [2],
    );
    assert.deepEqual(res.body.rejected, [
      {
        line: 3,
        code: 'missing-location',
        field: 'location',
        message: 'a location is needed: lat and long, an address or an address id',
      },
    ]);
    stack.at('2026-11-20T15:00:00.000Z');
    const listed = await call('GET', `/api/liaisons/${created.id}/requests`, undefined, auth);
    const requests = listed.body.requests as { id: string; serviceName: string; delayed: boolean }[];
    assert.deepEqual(
      requests.map((r) => [r.id, r.serviceName, r.delayed]),
      [[filed[0]!.id, 'Street Defect (Pothole)', true]],
    );
  });

  it('imports a CSV sent as JSON (the console session), and refuses a broken CSV with 400', async () => {
    const created = await create();
    const ok = await call('POST', `/api/liaisons/${created.id}/import`, {
      csv: 'service_code,address,size\npothole,5 Front St,small\n',
    });
    assert.equal(ok.status, 201);
    const broken = await call('POST', `/api/liaisons/${created.id}/import`, {
      csv: 'service_code,address\npothole,"5 Front St\n',
    });
    assert.equal(broken.status, 400);
    assert.equal((broken.body.error as { code: string }).code, 'INVALID_CSV');
    assert.match((broken.body.error as { message: string }).message, /line 2/);
    assert.equal((await stack.requests.find({})).length, 1);
  });

  it('treats __proto__ and constructor in a CSV header as plain names: unknown attributes reject the row naming them', async () => {
    const created = await create();
    const csvHeaders = { ...auth, 'content-type': 'text/csv' };
    for (const column of [
      '__proto__',
      'constructor',
      'attribute[__proto__]',
      'attribute[constructor]',
      'toString',
    ]) {
      const csv = `service_code,address,size,${column}\npothole,5 Front St,small,polluted\n`;
      const res = await call('POST', `/api/liaisons/${created.id}/import`, csv, csvHeaders);
      const name = column.replace(/^attribute\[(.*)\]$/, '$1').toLowerCase();
      assert.equal(res.status, 200, `${column}: ${JSON.stringify(res.body)}`);
      assert.deepEqual(res.body.filed, [], column);
      assert.deepEqual(
        res.body.rejected,
        [
          {
            line: 2,
            code: 'invalid-attribute',
            field: name,
            message: `"pothole" has no attribute "${name}"`,
          },
        ],
        column,
      );
    }
    const known = await call(
      'POST',
      `/api/liaisons/${created.id}/import`,
      'service_code,address,attribute[size],constructor\npothole,5 Front St,small,\n',
      csvHeaders,
    );
    assert.equal(known.status, 201, 'an empty unknown column is no attribute, as for any other name');
    assert.equal((await stack.requests.find({})).length, 1, 'nothing from a rejected row was stored');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('gives a neighborhood summary, and 404 for a neighborhood no liaison serves', async () => {
    const created = await create();
    await stack.liaisons.importCsv(created.id, 'service_code,address,size\npothole,5 Front St,small\n');
    const res = await call('GET', '/api/neighborhoods/kensington/summary', undefined, auth);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.summary, {
      neighborhood: 'Kensington',
      total: 1,
      open: 1,
      closed: 0,
      delayed: 0,
      byService: [
        { serviceCode: 'pothole', serviceName: 'Street Defect (Pothole)', open: 1, closed: 0, delayed: 0 },
      ],
    });
    assert.equal((await call('GET', '/api/neighborhoods/Atlantis/summary', undefined, auth)).status, 404);
  });
});
