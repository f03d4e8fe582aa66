import assert from 'node:assert/strict';
import type { ServiceCode } from '../../../knowledge/types.js';
import { RequestError } from '../../../requests/request-error.js';
import type { TrackingNumber } from '../../../requests/types.js';
import type { Database } from '../../../storage/postgres/database.js';
import { createPostgresRequestStore } from '../../../storage/postgres/request-store.js';
import { usePostgres } from '../../helpers/postgres.js';
import { counter, describeRequestStoreContract, newRequest } from '../../requests/request-store-contract.js';

const TABLES = 'requests, tracking_numbers';

describe('PostgreSQL request store', () => {
  const pg = usePostgres();
  /** The second instance of every case: a pool of its own over the same schema. */
  let other: Database | undefined;

  describeRequestStoreContract(
    'PostgreSQL',
    async ({ newId, clock }) => {
      // Each case starts from empty tables (the suite shares one schema).
      await pg.db.query(`TRUNCATE ${TABLES} CASCADE`);
      other ??= await pg.open();
      const second = other;
      return {
        store: await createPostgresRequestStore({ db: pg.db, newId, clock }),
        reopen: (again) => createPostgresRequestStore({ db: second, newId: again ?? newId, clock }),
        cleanup: async () => undefined,
      };
    },
    { sharedByInstances: true },
  );

  describe('beyond the contract', () => {
    const clock = () => new Date('2026-05-22T14:00:00.000Z');
    beforeEach(() => pg.db.query(`TRUNCATE ${TABLES} CASCADE`));

    it('keeps the number of a removed request in tracking_numbers, retired, and nothing else of it', async () => {
      const store = await createPostgresRequestStore({ db: pg.db, newId: counter(50_000_000), clock });
      const created = await store.create(newRequest({ idempotencyKey: 'sms:SM9' }));
      await store.addFollower(created.id, { channel: 'slack', userId: 'U1' });
      assert.equal(await store.remove!(created.id), true);
      const numbers = await pg.db.query('SELECT id, retired_at IS NOT NULL AS retired FROM tracking_numbers');
      assert.deepEqual(numbers.rows, [{ id: created.id, retired: true }]);
      const left = await pg.db.query('SELECT count(*)::int AS n FROM requests');
      assert.equal(left.rows[0]!.n, 0);
    });

    it('answers lists from the indexes, never by reading every request', async () => {
      // Runs the store's own SQL: every query it sends is recorded, then explained.
      const sent: { text: string; values: readonly unknown[] }[] = [];
      const watched: Database = {
        ...pg.db,
        query: (text, values) => {
          sent.push({ text, values: values ?? [] });
          return pg.db.query(text, values);
        },
      };
      const store = await createPostgresRequestStore({ db: watched, newId: counter(50_000_000), clock });
      // Enough rows that the planner prefers an index to a scan, as it would in production.
      await pg.db.query(
        `WITH n AS (SELECT g, (60000000 + g)::text AS id FROM generate_series(1, 20000) g),
              t AS (INSERT INTO tracking_numbers (id) SELECT id FROM n)
         INSERT INTO requests (id, service_code, status, requested_at, requester_channel, requester_user, body, followers)
         SELECT id, CASE WHEN g % 5 = 0 THEN 'graffiti' ELSE 'pothole' END,
                CASE WHEN g % 3 = 0 THEN 'closed-fixed' ELSE 'received' END,
                timestamptz '2025-01-01' + g * interval '30 minutes',
                'sms', '+1215555' || lpad((g % 10000)::text, 4, '0'), '{}'::jsonb,
                CASE WHEN g % 500 = 0 THEN '[{"channel": "sms", "userId": "+12155550042"}]'::jsonb ELSE '[]' END
           FROM n`,
      );
      await pg.db.query('ANALYZE requests');
      const lists = [
        { requestedFrom: '2026-01-01T00:00:00.000Z', requestedTo: '2026-02-01T00:00:00.000Z', limit: 1000 },
        { requestedFrom: '2026-01-01T00:00:00.000Z', open: true, limit: 1000 },
        { serviceCodes: ['graffiti' as ServiceCode], open: true },
        { requester: { channel: 'sms', userId: '+12155550042' } },
        { involving: { channel: 'sms', userId: '+12155550042' }, limit: 100 },
        { ids: ['60000042' as TrackingNumber, '60000043' as TrackingNumber] },
      ];
      for (const filter of lists) {
        sent.length = 0;
        const found = await store.find(filter);
        assert.ok(found.length > 0, JSON.stringify(filter));
        if (filter.involving) assert.equal(found.length, 2 + 40); // filed 2, follows 40
        const [query] = sent;
        const plan = (await pg.db.query(`EXPLAIN ${query!.text}`, [...query!.values])).rows
          .map((row) => String(row['QUERY PLAN']))
          .join('\n');
        assert.doesNotMatch(plan, /Seq Scan on requests /, `${JSON.stringify(filter)}\n${plan}`);
      }
    });

    it('refuses text PostgreSQL cannot hold (a NUL character) as an invalid field, storing nothing', async () => {
      const store = await createPostgresRequestStore({ db: pg.db, newId: counter(50_000_000), clock });
      await assert.rejects(
        store.create(newRequest({ attributes: { size: 'large\u0000' } })),
        (e: unknown) => e instanceof RequestError && e.code === 'invalid-field',
      );
      assert.deepEqual(await store.find({}), []);
    });
  });
});
