import assert from 'node:assert/strict';
import { type MainServer, startMain } from '../helpers/main-server.js';

const STAFF_TOKEN = 'staff-token-for-tests';

describe('main(env): status notices staff can see', function () {
  this.timeout(30_000);
  let server: MainServer;
  before(async () => {
    server = await startMain({ STAFF_TOKEN });
  });
  after(async () => {
    assert.equal(await server.stop(), 0, 'the notice sender stops with the server');
  });

  it('serves GET /api/staff/notices to staff only', async () => {
    const url = `${server.base}/api/staff/notices?status=failed`;
    const staff = await fetch(url, { headers: { authorization: `Bearer ${STAFF_TOKEN}` } });
    assert.equal(staff.status, 200);
    assert.deepEqual(await staff.json(), { notices: [] });
    assert.equal((await fetch(url)).status, 401);
  });
});
