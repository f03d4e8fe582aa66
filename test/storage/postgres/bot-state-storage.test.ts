import assert from 'node:assert/strict';
import { PostgresStateStorage } from '../../../storage/postgres/bot-state-storage.js';
import type { Database } from '../../../storage/postgres/database.js';
import { describeBotStateStorageContract } from '../../bot/bot-state-storage-contract.js';
import { usePostgres } from '../../helpers/postgres.js';

const CONV = 'sms/conversations/+15550001111';

describe('PostgreSQL bot state', () => {
  const pg = usePostgres();
  /** Two pools, as two instances of the bot would hold. */
  let pools: Database[];
  before(async () => {
    pools = [pg.db, await pg.open()];
  });
  beforeEach(() => pg.db.query('TRUNCATE bot_state'));

  describeBotStateStorageContract('PostgresStateStorage', () => {
    let opened = 0;
    return {
      concurrentInstances: true,
      open: (options) => PostgresStateStorage.open(pools[opened++ % pools.length]!, options),
      stored: async () => (await pg.db.query('SELECT count(*)::int AS n FROM bot_state')).rows[0]!.n,
    };
  });

  describe('rows', () => {
    let now: number;
    const clock = () => new Date(now);
    beforeEach(() => {
      now = Date.parse('2026-03-02T12:00:00Z');
    });

    it('stores one row per key, the eTag beside the value, and marks only conversation state as expiring', async () => {
      const storage = await PostgresStateStorage.open(pg.db, { clock, idleMs: 60_000 });
      await storage.write({ [CONV]: { step: 1, eTag: '*' }, 'sms/users/+15550001111': { lang: 'es' } });
      const { rows } = await pg.db.query('SELECT key, value, etag, expires FROM bot_state ORDER BY key');
      const read = await storage.read([CONV]);
      assert.deepEqual(rows, [
        { key: CONV, value: { step: 1 }, etag: read[CONV].eTag, expires: true },
        { key: 'sms/users/+15550001111', value: { lang: 'es' }, etag: rows[1]!.etag, expires: false },
      ]);
      await storage.close();
    });

    it('stores text PostgreSQL cannot hold as it is (NUL, half an emoji) with U+FFFD instead of failing', async () => {
      const storage = await PostgresStateStorage.open(pg.db, { clock });
      await storage.write({ [CONV]: { text: 'a\u0000b \ud83d c\\u0000', ok: '🗑️' } });
      const back = (await storage.read([CONV]))[CONV];
      assert.equal(back.text, 'a\ufffdb \ufffd c\\u0000');
      assert.equal(back.ok, '🗑️');
      await storage.close();
    });

    it('sweeps thousands of idle conversations in batches, at open and then periodically', async () => {
      await pg.db.query(
        `INSERT INTO bot_state (key, value, etag, expires, updated_at)
         SELECT 'sms/conversations/' || i, '{"a":1}', 'e' || i, true, $1
           FROM generate_series(1, 2500) AS i`,
        [new Date(now - 2 * 60_000)],
      );
      await pg.db.query(
        `INSERT INTO bot_state (key, value, etag, expires, updated_at)
         VALUES ('sms/users/1', '{"lang":"es"}', 'u', false, $1)`,
        [new Date(now - 365 * 24 * 3600_000)],
      );
      const storage = await PostgresStateStorage.open(pg.db, { clock, idleMs: 60_000, sweepEveryMs: 20 });
      const left = await pg.db.query('SELECT key FROM bot_state');
      assert.deepEqual(
        left.rows.map((r) => r.key),
        ['sms/users/1'],
      );

      await storage.write({ [CONV]: { a: 1 } });
      now += 60_001;
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal((await pg.db.query('SELECT count(*)::int AS n FROM bot_state')).rows[0]!.n, 1);
      await storage.close();
    });
  });
});
