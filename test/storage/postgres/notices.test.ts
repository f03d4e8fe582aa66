import assert from 'node:assert/strict';
import { createMemoryConversationStore } from '../../../bot/conversation-store.js';
import type { RequestStore } from '../../../requests/types.js';
import type { Database } from '../../../storage/postgres/database.js';
import { createPostgresRequestStore } from '../../../storage/postgres/request-store.js';
import {
  type Delivered,
  filePothole,
  type NoticeInstance,
  noticeInstance,
  reference,
  requestService,
} from '../../bot/notice-fixture.js';
import { usePostgres } from '../../helpers/postgres.js';
import { counter } from '../../requests/request-store-contract.js';

describe('Status notices on PostgreSQL, with two instances', () => {
  const pg = usePostgres();
  let second: Database | undefined;
  let now: Date;
  const clock = () => now;
  let log: Delivered[];
  const conversations = createMemoryConversationStore();
  const residents = Array.from({ length: 40 }, (_, i) => `+121555502${String(i).padStart(2, '0')}`);
  let running: NoticeInstance[] = [];

  /** Two instances of the bot over one database: a pool, a request store and a notifier each. */
  const twoInstances = async (): Promise<[NoticeInstance, NoticeInstance, RequestStore]> => {
    second ??= await pg.open();
    const storeA = await createPostgresRequestStore({ db: pg.db, newId: counter(30_000_000), clock });
    const storeB = await createPostgresRequestStore({ db: second, newId: counter(31_000_000), clock });
    running = [
      await noticeInstance({ store: storeA, clock, log, conversations }),
      await noticeInstance({ store: storeB, clock, log, conversations }),
    ];
    return [running[0]!, running[1]!, storeA];
  };

  before(async () => {
    for (const phone of residents) await conversations.save(reference('sms', phone));
  });
  beforeEach(async () => {
    await pg.db.query('TRUNCATE requests, tracking_numbers CASCADE');
    now = new Date('2026-11-23T15:00:00.000Z');
    log = [];
  });
  afterEach(async () => {
    for (const made of running.splice(0)) await made.notifier.stop();
  });

  it('sends each notice exactly once while both instances send', async () => {
    const [a, b, store] = await twoInstances();
    // Twenty changes queued before either sender runs, then twenty more while both run.
    const filed = [];
    for (const [i, phone] of residents.entries()) {
      filed.push(await filePothole((i % 2 === 0 ? a : b).requests, { channel: 'sms', userId: phone }));
    }
    for (const request of filed.slice(0, 20)) {
      await a.requests.changeStatus(request.id, { status: 'in-progress', by: 'staff' });
    }
    a.notifier.start();
    b.notifier.start();
    await Promise.all(
      filed
        .slice(20)
        .map((request, i) =>
          (i % 2 === 0 ? a : b).requests.changeStatus(request.id, { status: 'in-progress', by: 'staff' }),
        ),
    );
    await Promise.all([a.notifier.sendDue(), b.notifier.sendDue()]);
    await Promise.all([a.notifier.idle(), b.notifier.idle()]);

    assert.equal(log.length, 40, 'every notice sent');
    assert.deepEqual([...log.map((d) => d.to)].sort(), [...residents].sort(), 'each resident once');
    assert.ok(a.sms.attempts > 0 && b.sms.attempts > 0, 'both instances sent some');
    assert.deepEqual(await store.outbox.list(), []);
  });

  it('sends no notice twice while the provider fails every third send on both instances', async () => {
    const [a, b, store] = await twoInstances();
    a.sms.failEveryNth(3);
    b.sms.failEveryNth(3);
    a.notifier.start();
    b.notifier.start();
    await Promise.all(
      residents.map(async (phone, i) => {
        const on = i % 2 === 0 ? a : b;
        const request = await filePothole(on.requests, { channel: 'sms', userId: phone });
        await on.requests.changeStatus(request.id, { status: 'in-progress', by: 'staff' });
      }),
    );
    // Retries come due as time passes; both instances look each time.
    for (let round = 0; round < 8 && log.length < residents.length; round++) {
      await Promise.all([a.notifier.idle(), b.notifier.idle()]);
      now = new Date(now.getTime() + 60 * 60_000);
      await Promise.all([a.notifier.sendDue(), b.notifier.sendDue()]);
    }
    assert.ok(a.sms.attempts + b.sms.attempts > residents.length, 'some sends failed and were retried');
    assert.deepEqual([...log.map((d) => d.to)].sort(), [...residents].sort(), 'each resident exactly once');
    assert.deepEqual(await store.outbox.list(), []);
  });

  it('sends a notice claimed by an instance that died once its lease runs out, once', async () => {
    const [a, b, store] = await twoInstances();
    const request = await filePothole(a.requests, { channel: 'sms', userId: residents[0]! });
    await a.requests.changeStatus(request.id, { status: 'scheduled', by: 'staff' });
    // Instance A claims it and dies before sending.
    const [claimed] = await store.outbox.claim(10, 120_000);
    assert.equal(claimed?.requestId, request.id);
    b.notifier.start();
    await b.notifier.sendDue();
    assert.equal(log.length, 0, 'held by the dead instance until its lease ends');
    now = new Date(now.getTime() + 120_000);
    await b.notifier.sendDue();
    await b.notifier.sendDue();
    assert.deepEqual(
      log.map((d) => d.to),
      [residents[0]],
    );
  });

  it('stores a status change and its notice together or neither', async () => {
    const store = await createPostgresRequestStore({ db: pg.db, newId: counter(30_000_000), clock });
    const requests = await requestService(store, clock);
    const request = await filePothole(requests);
    // The notice cannot be stored: the change must not be either.
    await pg.db.query(`CREATE FUNCTION refuse_notice() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'outbox unavailable'; END $$`);
    await pg.db.query(
      'CREATE TRIGGER refuse_notice BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION refuse_notice()',
    );
    try {
      await assert.rejects(requests.changeStatus(request.id, { status: 'in-progress', by: 'staff' }));
    } finally {
      await pg.db.query('DROP TRIGGER refuse_notice ON outbox');
      await pg.db.query('DROP FUNCTION refuse_notice()');
    }
    const stored = await store.get(request.id);
    assert.equal(stored?.status, 'received');
    assert.equal(stored?.history.length, 1);
    assert.deepEqual(await store.outbox.list(), []);
  });

  it('finds due notices through the partial index, not by reading the table', async () => {
    await pg.db.query(
      `WITH n AS (SELECT g, (60000000 + g)::text AS id FROM generate_series(1, 20000) g),
            t AS (INSERT INTO tracking_numbers (id) SELECT id FROM n),
            r AS (INSERT INTO requests (id, service_code, status, requested_at, requester_channel, requester_user, body)
                  SELECT id, 'pothole', 'received', now(), 'sms', 'x', '{}'::jsonb FROM n)
       INSERT INTO outbox (request_id, change_index, created_at, status, due_at, attempts)
       SELECT id, 1, now(), CASE WHEN g % 200 = 0 THEN 'pending' ELSE 'failed' END, now(), 8 FROM n`,
    );
    await pg.db.query('ANALYZE outbox');
    // The store's own claim, recorded as sent and then explained.
    const sent: { text: string; values: readonly unknown[] }[] = [];
    const watched: Database = {
      ...pg.db,
      query: (text, values) => {
        sent.push({ text, values: values ?? [] });
        return pg.db.query(text, values);
      },
    };
    const store = await createPostgresRequestStore({ db: watched, clock });
    now = new Date();
    assert.equal((await store.outbox.claim(10, 60_000)).length, 10);
    const [claim] = sent;
    const plan = await pg.db.query(`EXPLAIN ${claim!.text}`, [...claim!.values]);
    const text = plan.rows.map((row) => String(row['QUERY PLAN'])).join('\n');
    assert.doesNotMatch(text, /Seq Scan on outbox/, text);
    assert.match(text, /outbox_due/, text);
  });
});
