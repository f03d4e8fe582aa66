import assert from 'node:assert/strict';
import { createPostgresConversationStore } from '../../../storage/postgres/conversation-store.js';
import type { Database } from '../../../storage/postgres/database.js';
import { describeConversationStoreContract, reference } from '../../bot/conversation-store-contract.js';
import { usePostgres } from '../../helpers/postgres.js';

describe('PostgreSQL conversation references', () => {
  const pg = usePostgres();
  /** Two pools, as two instances of the bot would hold. */
  let pools: Database[];
  before(async () => {
    pools = [pg.db, await pg.open()];
  });
  beforeEach(() => pg.db.query('TRUNCATE conversation_references'));

  describeConversationStoreContract('PostgreSQL conversation store', () => {
    let opened = 0;
    return {
      concurrentInstances: true,
      open: (options) => createPostgresConversationStore(pools[opened++ % pools.length]!, options),
    };
  });

  it('keeps only what reaches the conversation again, and rewrites an unchanged one at most daily', async () => {
    let now = Date.parse('2026-11-23T12:00:00Z');
    const store = await createPostgresConversationStore(pg.db, { clock: () => new Date(now) });
    const updatedAt = async () =>
      (await pg.db.query('SELECT updated_at FROM conversation_references')).rows[0]!.updated_at.getTime();
    await store.save(reference('+12155550111', '+12155550111'));
    const { rows } = await pg.db.query(
      'SELECT channel, conversation_id, user_id, reference FROM conversation_references',
    );
    assert.deepEqual(rows, [
      {
        channel: 'sms',
        conversation_id: '+12155550111',
        user_id: '+12155550111',
        reference: {
          channelId: 'sms',
          serviceUrl: 'https://311.example.org',
          conversation: { id: '+12155550111', isGroup: false, conversationType: 'personal', name: '' },
          user: { id: '+12155550111', name: '' },
          bot: { id: '+12155550100', name: '' },
        },
      },
    ]);
    const first = await updatedAt();
    now += 3_600_000;
    await store.save(reference('+12155550111', '+12155550111'));
    assert.equal(await updatedAt(), first, 'an unchanged reference is not rewritten within a day');
    now += 24 * 3_600_000;
    await store.save(reference('+12155550111', '+12155550111'));
    assert.equal(await updatedAt(), now, 'a day later a use refreshes it');
    await store.close();
  });
});
