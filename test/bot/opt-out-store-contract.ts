import assert from 'node:assert/strict';
import type { Clock } from '../../bot/clock.js';
import type { OptOutStore } from '../../bot/opt-out-store.js';

/**
 * What every opt-out store must do: run by test/bot/opt-out-store.test.ts
 * (lowdb) and test/storage/postgres/opt-out-store.test.ts. The caller gives
 * each test empty storage.
 */
export interface OptOutStoreSubject {
  /** Opens a store over this test's storage; each call is another instance over the same storage. */
  open(clock: Clock): Promise<OptOutStore>;
  /** True when two instances can be open at once over one storage; false when the next instance is the next process. */
  readonly concurrentInstances: boolean;
}

const PHONE = '+12155550111';

export function describeOptOutStoreContract(name: string, make: () => OptOutStoreSubject): void {
  describe(`${name} (opt-out store contract)`, () => {
    let subject: OptOutStoreSubject;
    const clock = () => new Date('2026-11-23T12:00:00Z');
    beforeEach(() => {
      subject = make();
    });

    it('keeps an opt-out for another instance, per channel and person, until opt-in', async () => {
      const first = await subject.open(clock);
      assert.equal(await first.isOptedOut('sms', PHONE), false);
      await first.optOut('sms', PHONE, 'STOP');
      assert.equal(await first.isOptedOut('sms', PHONE), true);

      const second = await subject.open(clock);
      assert.equal(await second.isOptedOut('sms', PHONE), true);
      assert.equal(await second.isOptedOut('slack', PHONE), false, 'another channel is another person');
      assert.equal(await second.isOptedOut('sms', '+12155550122'), false);
      await second.optIn('sms', PHONE);
      assert.equal(await second.isOptedOut('sms', PHONE), false);

      const third = await subject.open(clock);
      assert.equal(await third.isOptedOut('sms', PHONE), false);
      if (subject.concurrentInstances) assert.equal(await first.isOptedOut('sms', PHONE), false);
    });

    it('a second STOP changes nothing and one START undoes it; START alone is harmless', async () => {
      const store = await subject.open(clock);
      await store.optIn('sms', PHONE);
      assert.equal(await store.isOptedOut('sms', PHONE), false);
      await store.optOut('sms', PHONE, 'STOP');
      await store.optOut('sms', PHONE, 'UNSUBSCRIBE');
      assert.equal(await store.isOptedOut('sms', PHONE), true);
      await store.optIn('sms', PHONE);
      assert.equal(await store.isOptedOut('sms', PHONE), false);
    });

    it('opt-outs arriving together are all kept', async () => {
      const first = await subject.open(clock);
      const second = subject.concurrentInstances ? await subject.open(clock) : first;
      const numbers = Array.from({ length: 40 }, (_, i) => `+1215555${2000 + i}`);
      await Promise.all(numbers.map((n, i) => (i % 2 ? first : second).optOut('sms', n, 'STOP')));
      await Promise.all([first.optOut('x', PHONE, 'STOP'), second.optOut('x', PHONE, 'STOPALL')]);
      const reader = await subject.open(clock);
      for (const n of numbers) assert.equal(await reader.isOptedOut('sms', n), true, n);
      assert.equal(await reader.isOptedOut('x', PHONE), true);
    });
  });
}
