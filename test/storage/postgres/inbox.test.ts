import assert from 'node:assert/strict';
import type { Clock } from '../../../bot/clock.js';
import type { Database } from '../../../storage/postgres/database.js';
import { createPostgresInbox } from '../../../storage/postgres/inbox.js';
import { describeInboxContract, START, smsPayload } from '../../bot/inbox-contract.js';
import { usePostgres } from '../../helpers/postgres.js';

const MINUTE = 60_000;

describe('PostgreSQL inbox', () => {
  const pg = usePostgres();
  /** The pool of a second instance (or of the restarted process), opened once for the suite. */
  let second: Database | undefined;
  const truncate = () => pg.db.query('TRUNCATE inbox');
  const otherPool = async () => {
    second ??= await pg.open();
    return second;
  };

  beforeEach(truncate);

  describeInboxContract('PostgreSQL', async ({ clock }) => {
    await truncate();
    return {
      inbox: createPostgresInbox({ db: pg.db, clock }),
      open: async () => createPostgresInbox({ db: await otherPool(), clock }),
      sharedStorage: true,
      cleanup: async () => {
        await truncate();
      },
    };
  });

  describe('PostgreSQL only', () => {
    let now: number;
    const clock: Clock = () => new Date(now);
    beforeEach(() => {
      now = START;
    });
    const sms = (id: string, text = 'missed trash pickup') => ({
      channel: 'sms',
      id,
      payload: smsPayload(text),
    });

    it('lets one of two instances take a delivery that reaches both at once', async () => {
      const a = createPostgresInbox({ db: pg.db, clock });
      const b = createPostgresInbox({ db: await otherPool(), clock });
      for (let i = 0; i < 20; i++) {
        const outcomes = await Promise.all([
          a.accept(sms(`SM${i}`), MINUTE),
          b.accept(sms(`SM${i}`), MINUTE),
        ]);
        assert.deepEqual(outcomes.sort(), ['duplicate', 'new']);
      }
      assert.equal((await pg.db.query('SELECT count(*)::int AS n FROM inbox')).rows[0]!.n, 20);
    });

    it('stores a payload with characters jsonb refuses (U+0000, half an emoji) instead of failing the webhook', async () => {
      const inbox = createPostgresInbox({ db: pg.db, clock });
      const text = 'pot\u0000hole \ud83d';
      assert.equal(await inbox.accept({ channel: 'sms', id: 'SM-odd', payload: { text } }, 0), 'new');
      const [claimed] = await inbox.claimPending(1, MINUTE);
      assert.deepEqual(claimed?.payload, { text: 'pot\ufffdhole \ufffd' });
    });

    it('keeps leases in the table: a restarted instance waits for the lease of a message another still runs', async () => {
      const a = createPostgresInbox({ db: pg.db, clock });
      await a.accept(sms('SM1'), 5 * MINUTE);
      const b = createPostgresInbox({ db: await otherPool(), clock });
      now += MINUTE;
      assert.deepEqual(await b.claimPending(10, MINUTE), []);
      now += 5 * MINUTE;
      assert.deepEqual(
        (await b.claimPending(10, MINUTE)).map((m) => m.id),
        ['SM1'],
      );
    });

    it('rejects accept when the database cannot take the write, so the webhook fails and the provider retries', async () => {
      const db = await pg.open();
      await db.close();
      const inbox = createPostgresInbox({ db, clock });
      await assert.rejects(inbox.accept(sms('SM1'), MINUTE));
    });
  });
});
