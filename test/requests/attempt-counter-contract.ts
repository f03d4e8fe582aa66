import assert from 'node:assert/strict';
import type { Clock } from '../../bot/clock.js';
import type { AttemptCounter } from '../../requests/attempt-counter.js';

const MINUTE = 60_000;
const WINDOW = 15 * MINUTE;

export interface AttemptCounterContract {
  /** Opens a counter over the test's storage (when shared, each call is one more instance over the same counts). */
  open(clock: Clock): Promise<AttemptCounter>;
  /** True when counters opened separately share their counts (two instances over one database). */
  readonly sharedAcrossInstances: boolean;
  /**
   * True when a counter opened after another one stopped, over the same storage, carries on its counts
   * (a file). Counts shared across instances live outside the process, so they survive a restart too.
   */
  readonly survivesRestart?: boolean;
}

/** What every AttemptCounter must do, in memory, in a file or in PostgreSQL. */
export function describeAttemptCounterContract(name: string, contract: AttemptCounterContract): void {
  describe(`${name} (AttemptCounter contract)`, () => {
    let now: number;
    const clock: Clock = () => new Date(now);
    beforeEach(() => {
      now = Date.parse('2026-05-26T13:00:00.000Z');
    });

    it('counts hits in a window opened by the first, which closes windowMs later', async () => {
      const counter = await contract.open(clock);
      const opened = now;
      assert.deepEqual(await counter.hit('203.0.113.7', WINDOW), { count: 1, resetsAt: opened + WINDOW });
      now += 5 * MINUTE;
      assert.deepEqual(await counter.hit('203.0.113.7', WINDOW), { count: 2, resetsAt: opened + WINDOW });
      now += 10 * MINUTE - 1;
      assert.equal((await counter.hit('203.0.113.7', WINDOW)).count, 3, 'still the first window');
      now += 1;
      assert.deepEqual(
        await counter.hit('203.0.113.7', WINDOW),
        { count: 1, resetsAt: now + WINDOW },
        'the window closed: a new one opens at this hit',
      );
    });

    it('reads the count with an amount of 0, counting nothing', async () => {
      const counter = await contract.open(clock);
      assert.equal((await counter.hit('a', WINDOW, 0)).count, 0);
      await counter.hit('a', WINDOW);
      await counter.hit('a', WINDOW);
      assert.equal((await counter.hit('a', WINDOW, 0)).count, 2);
      assert.equal((await counter.hit('a', WINDOW, 0)).count, 2);
    });

    it('keeps keys apart, and reset forgets one key only', async () => {
      const counter = await contract.open(clock);
      for (let i = 0; i < 3; i++) await counter.hit('staff-token:198.51.100.9', WINDOW);
      await counter.hit('liaison-link:sms:+12155550100', WINDOW);
      assert.equal((await counter.hit('staff-token:198.51.100.9', WINDOW, 0)).count, 3);
      await counter.reset('staff-token:198.51.100.9');
      assert.equal((await counter.hit('staff-token:198.51.100.9', WINDOW, 0)).count, 0);
      assert.equal((await counter.hit('liaison-link:sms:+12155550100', WINDOW, 0)).count, 1);
      await counter.reset('never-seen');
    });

    it('gives concurrent hits on one key every count once (atomic)', async () => {
      const counter = await contract.open(clock);
      const windows = await Promise.all(Array.from({ length: 30 }, () => counter.hit('burst', WINDOW)));
      assert.deepEqual(
        windows.map((w) => w.count).sort((a, b) => a - b),
        Array.from({ length: 30 }, (_, i) => i + 1),
      );
    });

    if (contract.survivesRestart || contract.sharedAcrossInstances) {
      it('keeps counts across a crash: a counter reopened over the same storage carries on every hit resolved', async () => {
        const before = await contract.open(clock);
        const opened = now;
        for (let i = 0; i < 10; i++) await before.hit('staff-token:203.0.113.7', WINDOW);
        await before.hit('liaison-link:sms:+12155550100', WINDOW);
        await before.reset('liaison-link:sms:+12155550100');
        now += 5 * MINUTE;
        // No close: a process that dies leaves what its resolved hits stored.
        const after = await contract.open(clock);
        assert.deepEqual(
          await after.hit('staff-token:203.0.113.7', WINDOW),
          { count: 11, resetsAt: opened + WINDOW },
          'the 11th attempt is counted as the 11th, in the window opened before the restart',
        );
        assert.equal(
          (await after.hit('liaison-link:sms:+12155550100', WINDOW, 0)).count,
          0,
          'a reset is kept too',
        );
        now = opened + WINDOW;
        assert.equal(
          (await after.hit('staff-token:203.0.113.7', WINDOW)).count,
          1,
          'the window still closes on time',
        );
      });
    }

    if (!contract.sharedAcrossInstances) return;
    it('shares counts between instances: hits on either add up, a reset on one is seen by the other', async () => {
      const [a, b] = [await contract.open(clock), await contract.open(clock)];
      const hits = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).hit('2001:db8:1:2::/64', WINDOW)),
      );
      assert.equal(Math.max(...hits.map((w) => w.count)), 20, 'ten hits on each instance add up to 20');
      assert.equal((await b.hit('2001:db8:1:2::/64', WINDOW, 0)).count, 20);
      await a.reset('2001:db8:1:2::/64');
      assert.equal(
        (await b.hit('2001:db8:1:2::/64', WINDOW, 0)).count,
        0,
        'a reset on one is seen by the other',
      );
    });
  });
}
