import assert from 'node:assert/strict';
import { FailedAttempts } from '../../../requests/failed-attempts.js';
import { createPostgresAttemptCounter } from '../../../storage/postgres/attempt-counters.js';
import { type StaffInstance, startStaffInstance } from '../../channels/web/staff-instance.js';
import { usePostgres } from '../../helpers/postgres.js';

const STAFF_TOKEN = 'staff-token-for-tests';

describe('Wrong staff tokens across two instances (PostgreSQL)', () => {
  const pg = usePostgres();
  const instances: StaffInstance[] = [];
  /** An instance of the bot: its own pool and counter over the shared schema. */
  const start = async () => {
    const attempts = new FailedAttempts({ counter: createPostgresAttemptCounter(await pg.open()) });
    const instance = await startStaffInstance({ staffToken: STAFF_TOKEN, attempts });
    instances.push(instance);
    return instance;
  };
  beforeEach(() => pg.db.query('TRUNCATE attempt_counts'));
  afterEach(async () => {
    for (const instance of instances.splice(0)) await instance.close();
  });

  it('refuses the 11th wrong token on B after 10 on A, and then the right one too', async () => {
    const [a, b] = [await start(), await start()];
    assert.equal((await b.requestsApi(STAFF_TOKEN)).status, 200, 'B lets the right token in');
    for (let i = 0; i < 5; i++) assert.equal((await a.login(`guess-${i}`)).status, 401);
    for (let i = 5; i < 10; i++) assert.equal((await a.requestsApi(`guess-${i}`)).status, 403);
    const refused = await b.requestsApi('guess-10');
    assert.equal(refused.status, 429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(retryAfter > 14 * 60 && retryAfter <= 15 * 60, `Retry-After ${retryAfter}`);
    assert.equal((await b.requestsApi(STAFF_TOKEN)).status, 429, 'B: even the right token, for now');
    assert.equal((await b.login(STAFF_TOKEN)).status, 429, "B's sign-in form too");
    assert.equal(await a.staffApi({ authorization: `Bearer ${STAFF_TOKEN}` }), 429, 'and A');
  });

  it('lets no more than 10 wrong tokens through when they arrive at both instances at once', async () => {
    const [a, b] = [await start(), await start()];
    const statuses = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => (await (i % 2 ? a : b).requestsApi(`guess-${i}`)).status),
    );
    assert.equal(statuses.filter((s) => s === 403).length, 10);
    assert.equal(statuses.filter((s) => s === 429).length, 20);
  });

  it('counts separately without the shared counter (the in-memory default): why PostgreSQL is needed', async () => {
    const a = await startStaffInstance({ staffToken: STAFF_TOKEN });
    const b = await startStaffInstance({ staffToken: STAFF_TOKEN });
    instances.push(a, b);
    for (let i = 0; i < 10; i++) await a.requestsApi(`guess-${i}`);
    assert.equal((await a.requestsApi('guess-10')).status, 429);
    assert.equal((await b.requestsApi('guess-10')).status, 403);
  });
});
