import assert from 'node:assert/strict';
import { hashLinkCode } from '../../../requests/liaison-code.js';
import type { LiaisonStore } from '../../../requests/liaison-types.js';
import { type Database, openDatabase } from '../../../storage/postgres/database.js';
import { createPostgresLiaisonStore } from '../../../storage/postgres/liaison-store.js';
import { dropSchema, newSchemaName, TEST_DATABASE_URL, usePostgres } from '../../helpers/postgres.js';
import {
  describeLiaisonStoreContract,
  linkCode,
  newAccount,
  phone,
  slack,
} from '../../requests/liaison-store-contract.js';

const TABLES = 'liaison_accounts, liaison_link_codes, liaison_identities';
const at = '2026-11-21T09:00:00.000Z';
const A = hashLinkCode('AAAA2222BBBB');

describe('PostgreSQL liaison store', () => {
  const pg = usePostgres();
  /** The pool of a second instance, opened once for the suite. */
  let second: Database | undefined;
  const truncate = () => pg.db.query(`TRUNCATE ${TABLES} CASCADE`);

  beforeEach(truncate);

  describeLiaisonStoreContract(
    'PostgreSQL',
    async ({ newId }) => {
      await truncate();
      return {
        store: await createPostgresLiaisonStore({ db: pg.db, newId }),
        open: async () => {
          second ??= await pg.open();
          return createPostgresLiaisonStore({ db: second, newId });
        },
        cleanup: async () => {
          await truncate();
        },
      };
    },
    { sharedStorage: true },
  );

  describe('PostgreSQL only', () => {
    let store: LiaisonStore;
    let ids: number;
    beforeEach(async () => {
      ids = 0;
      store = await createPostgresLiaisonStore({ db: pg.db, newId: () => `L${++ids}` });
    });
    afterEach(() => store.close());

    /** Resolves once `count` sessions wait on a lock while running a statement like `like`. */
    async function waitingOnLock(like: string, count = 1): Promise<void> {
      for (let i = 0; i < 100; i++) {
        const { rows } = await pg.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1`,
          [like],
        );
        if ((rows[0]?.n ?? 0) >= count) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no query like ${like} waited on a lock`);
    }

    it('stores only the hash of a link code, in no column the code itself', async () => {
      await store.create(newAccount());
      await store.addCode('L1', linkCode('CCCC3333DDDD', { createdAt: at }));
      await store.redeemCode(hashLinkCode('CCCC3333DDDD'), phone, at);
      const dump = JSON.stringify(
        await Promise.all(
          TABLES.split(', ').map(async (table) => (await pg.db.query(`SELECT * FROM ${table}`)).rows),
        ),
      );
      assert.ok(dump.includes(hashLinkCode('CCCC3333DDDD')));
      assert.ok(!dump.includes('AAAA2222BBBB') && !dump.includes('CCCC3333DDDD'), 'no code in clear');
    });

    it('two instances waiting on one code: exactly one links once the account is free', async () => {
      await store.create(newAccount());
      second ??= await pg.open();
      const other = await createPostgresLiaisonStore({ db: second, newId: () => 'LX' });
      // Staff's console holds the account (as addCode or revoke would) while both senders try the code.
      const holder = await pg.db.connect();
      try {
        await holder.query('BEGIN');
        await holder.query("SELECT 1 FROM liaison_accounts WHERE id = 'L1' FOR UPDATE");
        const results = Promise.all([store.redeemCode(A, phone, at), other.redeemCode(A, slack, at)]);
        await waitingOnLock('%FROM liaison_accounts WHERE id = $1 FOR UPDATE%', 2);
        await holder.query('COMMIT');
        assert.deepEqual((await results).map((r) => r.outcome).sort(), ['invalid', 'linked']);
      } finally {
        holder.release(true);
        await other.close();
      }
      assert.equal((await store.get('L1'))?.identities.length, 1);
    });

    it('a sender linked elsewhere by another instance mid-redeem is told linked-elsewhere, and the code stays unused', async () => {
      await store.create(newAccount());
      await store.create(newAccount({ name: 'Sam Ortiz', code: linkCode('CCCC3333DDDD') }));
      // Another instance links the phone to L2 and has not committed yet.
      const otherInstance = await pg.db.connect();
      try {
        await otherInstance.query('BEGIN');
        await otherInstance.query(
          `INSERT INTO liaison_identities (account_id, channel, user_id, linked_at) VALUES ('L2', $1, $2, $3)`,
          [phone.channel, phone.userId, at],
        );
        const result = store.redeemCode(A, phone, at);
        await waitingOnLock(
          'INSERT INTO liaison_identities (account_id, channel, user_id, linked_at) VALUES ($1%',
        );
        await otherInstance.query('COMMIT');
        assert.deepEqual(await result, { outcome: 'linked-elsewhere' });
      } finally {
        otherInstance.release(true);
      }
      assert.equal((await store.findByIdentity(phone))?.id, 'L2');
      assert.equal((await store.get('L1'))?.codes[0]?.usedAt, undefined);
      assert.equal((await store.redeemCode(A, slack, at)).outcome, 'linked');
    });

    it('stores a name and a sender id holding U+0000 (which text columns refuse) and finds that sender', async () => {
      const created = await store.create(newAccount({ name: 'Dana\u0000Reyes' }));
      assert.equal(created.name, 'Dana\ufffdReyes');
      const odd = { channel: 'directline', userId: 'web\u0000user' };
      assert.equal((await store.redeemCode(A, odd, at)).outcome, 'linked');
      assert.equal((await store.findByIdentity(odd))?.id, 'L1');
    });

    it('refuses to start on a schema without its tables, naming the table', async () => {
      const schema = newSchemaName();
      const bare = await openDatabase({ url: TEST_DATABASE_URL, schema, max: 1 });
      try {
        await assert.rejects(createPostgresLiaisonStore({ db: bare }), /liaison_accounts/);
      } finally {
        await bare.close();
        await dropSchema(schema);
      }
    });
  });
});
