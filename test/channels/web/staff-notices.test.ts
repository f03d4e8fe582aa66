import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { StaffAuth } from '../../../channels/web/staff-auth.js';
import { createStaffNoticesRouter, STAFF_NOTICES_PATH } from '../../../channels/web/staff-router.js';
import { createLowdbRequestStore } from '../../../requests/lowdb-request-store.js';
import { MAX_NOTICE_ATTEMPTS } from '../../../requests/outbox.js';
import type { RequestStore } from '../../../requests/types.js';
import { counter, newRequest } from '../../requests/request-store-contract.js';

const STAFF_TOKEN = 'staff-token-for-tests';
const PHONE = '+12155550100';

describe('GET /api/staff/notices', () => {
  let dir: string;
  let store: RequestStore;
  let server: Server;
  let base: string;
  let now = new Date('2026-11-23T15:00:00.000Z');
  const clock = () => now;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'staff-notices-'));
    store = await createLowdbRequestStore({ file: join(dir, 'requests.json'), newId: counter(), clock });
    // One notice given up after every attempt failed, one still waiting.
    const failing = await store.create(newRequest({ requester: { channel: 'sms', userId: PHONE } }));
    await store.appendStatus(failing.id, { status: 'in-progress', at: now.toISOString(), by: 'staff' });
    for (let attempt = 0; attempt < MAX_NOTICE_ATTEMPTS; attempt++) {
      const [claimed] = await store.outbox.claim(1, 60_000);
      await store.outbox.failed(claimed!, { error: 'sms: HTTP 503', channels: ['sms'], done: [] });
      now = new Date(now.getTime() + 24 * 60 * 60_000);
    }
    const waiting = await store.create(newRequest());
    await store.appendStatus(waiting.id, { status: 'scheduled', at: now.toISOString(), by: 'staff' });

    const auth = new StaffAuth(STAFF_TOKEN, clock);
    const app = express();
    app.post('/login', (req, res) => {
      auth.startSession(req, res);
      res.end();
    });
    app.use(createStaffNoticesRouter({ notices: store.outbox, auth }));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const get = (query: string, headers: Record<string, string> = { authorization: `Bearer ${STAFF_TOKEN}` }) =>
    fetch(`${base}${STAFF_NOTICES_PATH}${query}`, { headers });

  it('lists the notices given up, with request, channel, time, attempts and the last error code', async () => {
    const res = await get('?status=failed');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const body = (await res.json()) as { notices: Record<string, unknown>[] };
    assert.deepEqual(body.notices, [
      {
        requestId: '20000000',
        status: 'failed',
        channels: ['sms'],
        createdAt: '2026-11-23T15:00:00.000Z',
        attempts: MAX_NOTICE_ATTEMPTS,
        nextAttemptAt: null,
        lastError: 'sms: HTTP 503',
      },
    ]);
    assert.doesNotMatch(JSON.stringify(body), /\+1215|Update on/, 'no number, no message text');
  });

  it('lists pending notices too, newest first, with when each is next tried', async () => {
    const all = (await (await get('')).json()) as { notices: { requestId: string; status: string }[] };
    assert.deepEqual(
      all.notices.map((n) => [n.requestId, n.status]),
      [
        ['20000001', 'pending'],
        ['20000000', 'failed'],
      ],
    );
    const pending = (await (await get('?status=pending')).json()) as {
      notices: { nextAttemptAt: string | null }[];
    };
    assert.equal(pending.notices.length, 1);
    assert.equal(typeof pending.notices[0]?.nextAttemptAt, 'string');
  });

  it('answers staff only: 401 without a token or session, 200 with the console session', async () => {
    assert.equal((await get('?status=failed', {})).status, 401);
    assert.equal((await get('?status=failed', { authorization: 'Bearer wrong' })).status, 401);
    const login = await fetch(`${base}/login`, { method: 'POST' });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    assert.equal((await get('?status=failed', { cookie })).status, 200);
  });

  it('refuses an unknown status or a bad limit with 400', async () => {
    assert.equal((await get('?status=sent')).status, 400);
    assert.equal((await get('?limit=0')).status, 400);
    assert.equal((await get('?limit=abc')).status, 400);
  });
});
