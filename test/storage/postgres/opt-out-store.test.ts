import assert from 'node:assert/strict';
import type { Database } from '../../../storage/postgres/database.js';
import { createPostgresOptOutStore } from '../../../storage/postgres/opt-out-store.js';
import { describeOptOutStoreContract } from '../../bot/opt-out-store-contract.js';
import { usePostgres } from '../../helpers/postgres.js';

describe('PostgreSQL opt-outs', () => {
  const pg = usePostgres();
  /** Two pools, as two instances of the bot would hold. */
  let pools: Database[];
  before(async () => {
    pools = [pg.db, await pg.open()];
  });
  beforeEach(() => pg.db.query('TRUNCATE opt_outs'));

  describeOptOutStoreContract('PostgreSQL opt-out store', () => {
    let opened = 0;
    return {
      concurrentInstances: true,
      open: async (clock) => createPostgresOptOutStore(pools[opened++ % pools.length]!, clock),
    };
  });

  it('keeps the first opt-out’s keyword and time, one row per person and channel', async () => {
    let now = Date.parse('2026-11-23T12:00:00Z');
    const store = createPostgresOptOutStore(pg.db, () => new Date(now));
    await store.optOut('sms', '+12155550111', 'STOP');
    now += 60_000;
    await store.optOut('sms', '+12155550111', 'QUIT');
    const { rows } = await pg.db.query('SELECT channel, user_id, keyword, opted_out_at FROM opt_outs');
    assert.deepEqual(rows, [
      {
        channel: 'sms',
        user_id: '+12155550111',
        keyword: 'STOP',
        opted_out_at: new Date('2026-11-23T12:00:00Z'),
      },
    ]);
  });
});
