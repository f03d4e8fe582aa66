import assert from 'node:assert/strict';
import { STAFF_COOKIE, STAFF_SESSION_SECONDS } from '../../../channels/web/staff-auth.js';
import { type StaffInstance, startStaffInstance } from './staff-instance.js';

const STAFF_TOKEN = 'staff-token-for-tests';
const HOUR = 60 * 60 * 1000;

describe('Staff sessions across instances', () => {
  let now: number;
  const clock = () => new Date(now);
  const instances: StaffInstance[] = [];
  const start = async (staffToken: string | undefined = STAFF_TOKEN) => {
    const instance = await startStaffInstance({ staffToken, clock });
    instances.push(instance);
    return instance;
  };
  beforeEach(() => {
    now = Date.parse('2026-05-26T08:00:00Z');
  });
  afterEach(async () => {
    for (const instance of instances.splice(0)) await instance.close();
  });

  it('a session signed in on one instance is accepted by another with the same STAFF_TOKEN', async () => {
    const [a, b] = [await start(), await start()];
    const { status, cookie } = await a.login(STAFF_TOKEN);
    assert.equal(status, 303);
    assert.ok(cookie?.startsWith(`${STAFF_COOKIE}=`));
    assert.equal(await b.staffApi({}), 401, 'no session, no entry');
    assert.equal(await b.staffApi({ cookie: cookie! }), 200, 'instance B never saw the sign-in');
    const restarted = await start();
    assert.equal(await restarted.staffApi({ cookie: cookie! }), 200, 'nor did an instance started later');
  });

  it('ends the session at its expiry on every instance, and a changed STAFF_TOKEN ends it at once', async () => {
    const [a, b] = [await start(), await start()];
    const { cookie } = await a.login(STAFF_TOKEN);
    now += STAFF_SESSION_SECONDS * 1000 - HOUR;
    assert.equal(await b.staffApi({ cookie: cookie! }), 200);
    now += HOUR;
    assert.equal(await b.staffApi({ cookie: cookie! }), 401, 'a working day later');
    assert.equal(await a.staffApi({ cookie: cookie! }), 401);

    now = Date.parse('2026-05-26T08:00:00Z');
    const rotated = await start('another-staff-token-after-rotation');
    assert.equal(await rotated.staffApi({ cookie: cookie! }), 401);
  });

  it('refuses a cookie whose expiry was pushed back by hand', async () => {
    const [a, b] = [await start(), await start()];
    const { cookie } = await a.login(STAFF_TOKEN);
    const [name, value] = cookie!.split('=') as [string, string];
    const [expires, signature] = value.split('.') as [string, string];
    const extended = `${name}=${Number(expires) + 24 * 3600}.${signature}`;
    assert.equal(await b.staffApi({ cookie: extended }), 401);
  });

  it('signs out by deleting the cookie in the browser', async () => {
    const a = await start();
    await a.login(STAFF_TOKEN);
    const res = await fetch(`${a.base}/staff/logout`, { method: 'POST', redirect: 'manual' });
    assert.equal(res.status, 303);
    const cleared = res.headers.get('set-cookie') ?? '';
    assert.match(cleared, new RegExp(`^${STAFF_COOKIE}=;`));
    assert.match(cleared, /Expires=Thu, 01 Jan 1970/);
  });
});
