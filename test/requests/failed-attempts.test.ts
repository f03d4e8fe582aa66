import assert from 'node:assert/strict';
import { MemoryAttemptCounter } from '../../requests/attempt-counter.js';
import { clientKey, FailedAttempts } from '../../requests/failed-attempts.js';
import { describeAttemptCounterContract } from './attempt-counter-contract.js';

const MINUTE = 60_000;

function clockAt(start: string) {
  let now = Date.parse(start);
  return {
    clock: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describeAttemptCounterContract('MemoryAttemptCounter', {
  sharedAcrossInstances: false,
  open: async (clock) => new MemoryAttemptCounter({ clock }),
});

describe('MemoryAttemptCounter memory bound', () => {
  it('remembers at most maxKeys, forgetting closed windows first and then the oldest', async () => {
    const time = clockAt('2026-05-26T13:00:00Z');
    const counter = new MemoryAttemptCounter({ clock: time.clock, maxKeys: 3 });
    const window = 15 * MINUTE;
    await counter.hit('10.0.0.1', window);
    time.advance(16 * MINUTE);
    for (const key of ['10.0.0.2', '10.0.0.3', '10.0.0.4']) await counter.hit(key, window);
    assert.equal(counter.size, 3, 'the closed window went first');
    await counter.hit('10.0.0.5', window);
    assert.equal(counter.size, 3);
    assert.equal((await counter.hit('10.0.0.2', window, 0)).count, 0, 'the oldest window made room');
    assert.equal((await counter.hit('10.0.0.5', window, 0)).count, 1);
    for (let i = 0; i < 10_000; i++) await counter.hit(`10.1.${i >> 8}.${i & 255}`, window);
    assert.equal(counter.size, 3, 'a flood of addresses never grows memory past the bound');
  });
});

describe('FailedAttempts (wrong staff tokens per client)', () => {
  it('refuses a client after 10 wrong tokens for the rest of its 15-minute window, then lets it try again', async () => {
    const time = clockAt('2026-05-26T13:00:00Z');
    const attempts = new FailedAttempts({ clock: time.clock });
    for (let i = 0; i < 10; i++) {
      assert.deepEqual(await attempts.judge('203.0.113.7', false), { kind: 'wrong' }, `wrong token ${i + 1}`);
    }
    assert.deepEqual(
      await attempts.judge('203.0.113.7', false),
      { kind: 'limited', retryAfter: 15 * 60 },
      'the 11th gets 429 with the rest of the window',
    );
    assert.deepEqual(
      await attempts.judge('203.0.113.7', true),
      { kind: 'limited', retryAfter: 15 * 60 },
      'even the right token is refused while limited',
    );
    assert.deepEqual(
      await attempts.judge('198.51.100.9', false),
      { kind: 'wrong' },
      'another client may try',
    );
    time.advance(10 * MINUTE);
    assert.deepEqual(await attempts.judge('203.0.113.7', true), { kind: 'limited', retryAfter: 5 * 60 });
    time.advance(5 * MINUTE);
    assert.deepEqual(await attempts.judge('203.0.113.7', true), { kind: 'right' }, 'a new window starts');
  });

  it('never counts the right token: staff may call the APIs as often as they like', async () => {
    const time = clockAt('2026-05-26T13:00:00Z');
    const attempts = new FailedAttempts({ clock: time.clock });
    for (let i = 0; i < 9; i++) await attempts.judge('203.0.113.7', false);
    for (let i = 0; i < 50; i++) {
      assert.deepEqual(await attempts.judge('203.0.113.7', true), { kind: 'right' }, `request ${i + 1}`);
    }
    assert.deepEqual(await attempts.judge('203.0.113.7', false), { kind: 'wrong' }, 'the 10th wrong token');
    assert.equal((await attempts.judge('203.0.113.7', true)).kind, 'limited');
  });

  it('refuses the 11th of many wrong tokens sent at once (no gap between check and count)', async () => {
    const attempts = new FailedAttempts();
    const verdicts = await Promise.all(
      Array.from({ length: 25 }, () => attempts.judge('203.0.113.7', false)),
    );
    assert.equal(verdicts.filter((v) => v.kind === 'wrong').length, 10);
    assert.equal(verdicts.filter((v) => v.kind === 'limited').length, 15);
  });

  it('counts an IPv4-mapped address as the IPv4 address and an IPv6 address as its /64', () => {
    assert.equal(clientKey('::ffff:127.0.0.2'), '127.0.0.2');
    assert.equal(clientKey('203.0.113.7'), '203.0.113.7');
    assert.equal(clientKey('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
    assert.equal(clientKey('2001:0db8:0001:0002:ffff:1:2:3'), '2001:db8:1:2::/64');
    assert.equal(clientKey('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(clientKey('::1'), '0:0:0:0::/64');
    assert.equal(clientKey('fe80::1%eth0'), 'fe80:0:0:0::/64');
    assert.equal(clientKey('unknown'), 'unknown');
  });
});
