import assert from 'node:assert/strict';
import type { Clock } from '../../bot/clock.js';
import type { ConversationStore, StoredReference } from '../../bot/conversation-store.js';

/**
 * What every conversation reference store must do: run by
 * test/bot/conversation-store.test.ts (lowdb) and
 * test/storage/postgres/conversation-store.test.ts. The caller gives each
 * test empty storage.
 */
export interface ConversationStoreOptions {
  readonly clock: Clock;
  readonly retentionDays?: number;
}

export interface ConversationStoreSubject {
  /** Opens a store over this test's storage; each call is another instance over the same storage. */
  open(options: ConversationStoreOptions): Promise<ConversationStore>;
  /** True when two instances can be open at once over one storage; false when the next instance is the next process. */
  readonly concurrentInstances: boolean;
}

const DAY = 24 * 3600_000;

export const reference = (conversationId: string, userId: string, channelId = 'sms'): StoredReference => ({
  channelId,
  activityId: 'SM-not-kept',
  serviceUrl: 'https://311.example.org',
  conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
  user: { id: userId, name: '' },
  bot: { id: '+12155550100', name: '' },
});

export function describeConversationStoreContract(name: string, make: () => ConversationStoreSubject): void {
  describe(`${name} (conversation store contract)`, () => {
    let subject: ConversationStoreSubject;
    let now: number;
    const clock = () => new Date(now);
    const opened: ConversationStore[] = [];
    const open = async (options: Partial<ConversationStoreOptions> = {}) => {
      const store = await subject.open({ clock, ...options });
      opened.push(store);
      return store;
    };
    /** Another instance over the same storage: alongside the first, or after it closed. */
    const another = async (first: ConversationStore, options: Partial<ConversationStoreOptions> = {}) => {
      if (!subject.concurrentInstances) await first.close();
      return open(options);
    };

    beforeEach(() => {
      subject = make();
      now = Date.parse('2026-11-23T12:00:00Z');
    });
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    it('finds a stored reference by conversation and by user (latest first) from another instance', async () => {
      const store = await open();
      await store.save(reference('D1', 'U1', 'slack'));
      now += 1000;
      await store.save(reference('C9:1700000000.000100', 'U1', 'slack'));
      await store.save(reference('+12155550111', '+12155550111'));

      const second = await another(store);
      const byId = await second.get('sms', '+12155550111');
      assert.equal(byId?.user?.id, '+12155550111');
      assert.equal(byId?.serviceUrl, 'https://311.example.org');
      assert.equal(byId?.activityId, undefined, 'message ids are not kept');
      assert.equal((await second.findByUser('slack', 'U1'))?.conversation?.id, 'C9:1700000000.000100');
      assert.equal(await second.get('x', '+12155550111'), undefined);
      assert.equal(await second.findByUser('sms', 'nobody'), undefined);
    });

    it('ignores a reference without a channel or conversation', async () => {
      const store = await open();
      await store.save({ ...reference('+12155550111', '+12155550111'), channelId: undefined });
      await store.save({ ...reference('+12155550111', '+12155550111'), conversation: undefined });
      assert.equal(await store.findByUser('sms', '+12155550111'), undefined);
    });

    it('a changed reference replaces the stored one at once', async () => {
      const store = await open();
      await store.save(reference('+12155550111', '+12155550111'));
      await store.save({
        ...reference('+12155550111', '+12155550111'),
        serviceUrl: 'https://new.example.org',
      });
      assert.equal((await store.get('sms', '+12155550111'))?.serviceUrl, 'https://new.example.org');
    });

    it('the latest conversation of a user wins, whichever instance recorded it', async () => {
      const first = await open();
      await first.save(reference('C1', 'U1', 'slack'));
      now += 60_000;
      const second = await another(first);
      await second.save(reference('C2', 'U1', 'slack'));
      const reader = subject.concurrentInstances ? first : await another(second);
      assert.equal((await reader.findByUser('slack', 'U1'))?.conversation?.id, 'C2');
      assert.equal((await reader.get('slack', 'C1'))?.conversation?.id, 'C1');
    });

    it('stores every reference of 300 concurrent saves before they resolve', async () => {
      const store = await open();
      const numbers = Array.from({ length: 300 }, (_, i) => `+1215555${1000 + i}`);
      await Promise.all(numbers.map((n) => store.save(reference(n, n))));
      const second = await another(store);
      const found = await Promise.all(numbers.map((n) => second.findByUser('sms', n)));
      assert.deepEqual(
        found.map((r) => r?.conversation?.id),
        numbers,
      );
    });

    it('forgets references unused for longer than the retention time, on open and as it runs', async () => {
      const store = await open({ retentionDays: 30 });
      await store.save(reference('+12155550111', '+12155550111'));
      now += 20 * DAY;
      await store.save(reference('+12155550122', '+12155550122'));
      now += 15 * DAY; // 35 days after the first, 15 after the second
      await store.save(reference('+12155550133', '+12155550133'));
      assert.equal(await store.get('sms', '+12155550111'), undefined, 'dropped after 30 days unused');
      assert.equal(await store.findByUser('sms', '+12155550111'), undefined);
      assert.equal((await store.get('sms', '+12155550122'))?.user?.id, '+12155550122');

      now += 20 * DAY; // the second is now 35 days old
      const reopened = await another(store, { retentionDays: 30 });
      assert.equal(await reopened.findByUser('sms', '+12155550122'), undefined);
      assert.equal((await reopened.findByUser('sms', '+12155550133'))?.user?.id, '+12155550133');
    });

    it('a conversation in use is kept past the retention time (a use refreshes it)', async () => {
      const start = now;
      const store = await open({ retentionDays: 30 });
      for (let day = 0; day < 90; day += 2) {
        now = start + day * DAY;
        await store.save(reference('+12155550111', '+12155550111'));
      }
      now += 2 * DAY;
      await store.save(reference('+12155550199', '+12155550199'));
      assert.equal((await store.get('sms', '+12155550111'))?.user?.id, '+12155550111');
      const reopened = await another(store, { retentionDays: 30 });
      assert.equal((await reopened.findByUser('sms', '+12155550111'))?.user?.id, '+12155550111');
    });
  });
}
