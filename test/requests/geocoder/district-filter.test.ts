import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLowdbRequestStore } from '../../../requests/lowdb-request-store.js';
import type { RequestStore } from '../../../requests/types.js';
import { createPostgresRequestStore } from '../../../storage/postgres/request-store.js';
import { usePostgres } from '../../helpers/postgres.js';
import { counter, newRequest } from '../request-store-contract.js';

/** The district filter (Open311 council_district=..., staff API) on both stores: same answers. */
function districtCases(open: () => Promise<{ store: RequestStore; done: () => Promise<void> }>) {
  it('lists the requests whose place lies in every district asked for', async () => {
    const { store, done } = await open();
    try {
      const at = (districts: Record<string, string>, address: string) =>
        store.create(newRequest({ location: { address, lat: 39.947, long: -75.163, districts } }));
      const a = await at({ council: '5', police: '6' }, '1234 Spruce St');
      const b = await at({ council: '1', police: '6' }, '1034 Spruce St');
      await store.create(newRequest({ location: { address: '1500 Market St' } }));
      const ids = async (districts: Record<string, string>) =>
        (await store.find({ districts })).map((r) => r.id).sort();
      assert.deepEqual(await ids({ council: '5' }), [a.id]);
      assert.deepEqual(await ids({ police: '6' }), [a.id, b.id].sort());
      assert.deepEqual(await ids({ council: '1', police: '6' }), [b.id]);
      assert.deepEqual(await ids({ council: '9' }), []);
      assert.deepEqual((await store.get(a.id))?.location.districts, { council: '5', police: '6' });
    } finally {
      await done();
    }
  });
}

describe('district filter: lowdb request store', () => {
  districtCases(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'districts-'));
    const store = await createLowdbRequestStore({
      file: join(dir, 'requests.json'),
      newId: counter(40_000_000),
    });
    return {
      store,
      done: async () => {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  });
});

describe('district filter: PostgreSQL request store', () => {
  const pg = usePostgres();
  districtCases(async () => {
    await pg.db.query('TRUNCATE requests, tracking_numbers CASCADE');
    const store = await createPostgresRequestStore({ db: pg.db, newId: counter(41_000_000) });
    return { store, done: async () => undefined };
  });
});

describe('district filter: Open311 list extension parameters', () => {
  it('GET requests.json?council_district=5 lists only that district; a malformed value is a 400', async () => {
    const { createRequestStack, serve } = await import('../request-fixture.js');
    const { createOpen311Router } = await import('../../../requests/open311-router.js');
    const stack = await createRequestStack();
    const server = await serve(
      '/open311/v2',
      createOpen311Router({
        requests: stack.requests,
        catalog: stack.catalog,
        apiKey: 'k',
        clock: stack.now,
      }),
    );
    try {
      const file = (address: string, districts?: Record<string, string>) =>
        stack.requests.file({
          serviceCode: 'pothole',
          location: { address, lat: 39.947, long: -75.163, ...(districts ? { districts } : {}) },
          description: 'Deep hole',
          attributes: { size: 'large' },
          requester: { channel: 'sms', userId: '+12155550100' },
        });
      const inFive = await file('1234 Spruce St', { council: '5', police: '6', sanitation: '3B' });
      await file('1034 Spruce St', { council: '1', police: '6' });
      await file('1500 Market St');
      const list = async (query: string) => {
        const response = await fetch(`${server.url}/requests.json?${query}`);
        return {
          status: response.status,
          body: (await response.json()) as { service_request_id?: string }[],
        };
      };
      const five = await list('council_district=5');
      assert.equal(five.status, 200);
      assert.deepEqual(
        five.body.map((r) => r.service_request_id),
        [inFive.id],
      );
      assert.equal((await list('police_district=6')).body.length, 2);
      assert.equal((await list('sanitation_district=3B&council_district=1')).body.length, 0);
      assert.equal((await list('council_district=%3Cscript%3E')).status, 400);
    } finally {
      await server.close();
      await stack.close();
    }
  });
});
