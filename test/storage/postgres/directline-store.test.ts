import assert from 'node:assert/strict';
import pg from 'pg';
import type { DirectLineStore } from '../../../channels/directline/index.js';
import type { Database } from '../../../storage/postgres/database.js';
import { createPostgresDirectLineStore } from '../../../storage/postgres/directline-store.js';
import { channelName } from '../../../storage/postgres/notify-listener.js';
import {
  describeDirectLineStoreContract,
  message,
  recorder,
} from '../../channels/directline-store-contract.js';
import { usePostgres } from '../../helpers/postgres.js';

describe('PostgreSQL Direct Line store', () => {
  const db = usePostgres();
  /** The pool of a second instance, opened once for the suite. */
  let second: Database | undefined;
  const otherPool = async () => {
    second ??= await db.open();
    return second;
  };
  const truncate = () => db.db.query('TRUNCATE directline_conversations CASCADE');

  describeDirectLineStoreContract(
    'PostgreSQL',
    async ({ clock, maxActivities, idleMs }) => {
      await truncate();
      return {
        store: await createPostgresDirectLineStore({ db: db.db, clock, maxActivities, idleMs }),
        openAnother: async () =>
          createPostgresDirectLineStore({ db: await otherPool(), clock, maxActivities, idleMs }),
        cleanup: async () => {
          await truncate();
        },
      };
    },
    { shared: true },
  );

  describe('PostgreSQL only', () => {
    const stores: DirectLineStore[] = [];
    const open = async (pool: Database, reconnectMs?: number) => {
      const store = await createPostgresDirectLineStore({ db: pool, reconnectMs });
      stores.push(store);
      return store;
    };
    afterEach(async () => {
      for (const store of stores.splice(0)) await store.close();
      await truncate();
    });

    it('notifies the conversation id and activity number only, never what was said', async () => {
      const a = await open(db.db);
      const listener = new pg.Client({ connectionString: db.url });
      await listener.connect();
      try {
        const payloads: string[] = [];
        listener.on('notification', (n) => payloads.push(`${n.channel} ${n.payload}`));
        await listener.query(`LISTEN "${channelName('directline', db.schema)}"`);
        await a.open('conv-n', 'w_alice', false);
        await a.append('conv-n', message('I live at 1400 John F Kennedy Blvd, call me'));
        for (let i = 0; i < 100 && payloads.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
        assert.deepEqual(payloads, [`directline:${db.schema} conv-n 0`]);
      } finally {
        await listener.end();
      }
    });

    it('delivers to a stream on A what B appends within milliseconds', async () => {
      const a = await open(db.db);
      const b = await open(await otherPool());
      await a.open('conv-fast', 'w_alice', false);
      const rec = recorder();
      await a.subscribe('conv-fast', undefined, rec.listener);
      const delays: number[] = [];
      for (let i = 0; i < 10; i++) {
        const started = performance.now();
        await b.append('conv-fast', message(`m${i}`));
        await rec.until(i + 1);
        delays.push(performance.now() - started);
      }
      assert.equal(rec.texts().length, 10);
      delays.sort((x, y) => x - y);
      assert.ok((delays[5] ?? Infinity) < 250, `median delivery ${delays[5]?.toFixed(1)} ms`);
    });

    it('listens again after losing its connection, and the stream gets what was appended meanwhile', async () => {
      const a = await open(db.db, 20);
      const b = await open(await otherPool());
      await a.open('conv-lost', 'w_alice', false);
      const rec = recorder();
      await a.subscribe('conv-lost', undefined, rec.listener);
      await b.append('conv-lost', message('before'));
      assert.deepEqual(await rec.until(1), ['before']);
      const listening = `LISTEN "${channelName('directline', db.schema)}"`;
      const killed = await db.db.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1 AND pid <> pg_backend_pid()',
        [listening],
      );
      assert.equal(killed.rowCount, 2, 'both instances listen');
      await b.append('conv-lost', message('while reconnecting'));
      await b.append('conv-lost', message('after'));
      assert.deepEqual(await rec.until(3), ['before', 'while reconnecting', 'after']);
      await new Promise((r) => setTimeout(r, 200));
      await b.append('conv-lost', message('later'));
      assert.deepEqual(await rec.until(4), ['before', 'while reconnecting', 'after', 'later']);
    });

    it('numbers appends racing from two instances without gaps or repeats', async () => {
      const a = await open(db.db);
      const b = await open(await otherPool());
      await a.open('conv-race', 'w_alice', false);
      const ids = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).append('conv-race', message(`m${i}`))),
      );
      const seqs = ids.map((id) => Number(id?.split('|')[1])).sort((x, y) => x - y);
      assert.deepEqual(
        seqs,
        Array.from({ length: 20 }, (_, i) => i),
      );
      assert.equal((await a.after('conv-race', '0'))?.watermark, '20');
    });

    it('deletes idle conversations with their activities', async () => {
      let now = Date.parse('2026-03-02T15:00:00Z');
      const store = await createPostgresDirectLineStore({
        db: db.db,
        clock: () => new Date(now),
        idleMs: 60_000,
      });
      stores.push(store);
      await store.open('conv-old', 'w_alice', false);
      await store.append('conv-old', message('my phone number is in here'));
      now += 61_000;
      assert.equal(await store.sweep(), 1);
      const left = await db.db.query('SELECT count(*)::int AS n FROM directline_activities');
      assert.equal(left.rows[0]?.n, 0);
    });
  });
});
