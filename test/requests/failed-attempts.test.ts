import assert from 'node:assert/strict';
import { clientKey, FailedAttempts } from '../../requests/failed-attempts.js';

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

describe('FailedAttempts (wrong staff tokens per client)', () => {
  it('blocks a client after 10 failures for the rest of its 15-minute window, then lets it try again', () => {
    const time = clockAt('2026-05-26T13:00:00Z');
    const attempts = new FailedAttempts({ clock: time.clock });
    for (let i = 0; i < 9; i++) attempts.record('203.0.113.7');
    assert.equal(attempts.blockedFor('203.0.113.7'), undefined, '9 failures: may still try');
    attempts.record('203.0.113.7');
    assert.equal(attempts.blockedFor('203.0.113.7'), 15 * 60, 'Retry-After is the rest of the window');
    assert.equal(attempts.blockedFor('198.51.100.9'), undefined, 'another client is not affected');
    time.advance(10 * MINUTE);
    assert.equal(attempts.blockedFor('203.0.113.7'), 5 * 60);
    time.advance(5 * MINUTE);
    assert.equal(attempts.blockedFor('203.0.113.7'), undefined, 'a new window starts');
    attempts.record('203.0.113.7');
    assert.equal(attempts.blockedFor('203.0.113.7'), undefined);
  });

  it('remembers at most maxClients, forgetting expired windows first and then the oldest', () => {
    const time = clockAt('2026-05-26T13:00:00Z');
    const attempts = new FailedAttempts({ clock: time.clock, max: 2, maxClients: 3 });
    attempts.record('10.0.0.1');
    time.advance(16 * MINUTE);
    for (const client of ['10.0.0.2', '10.0.0.3', '10.0.0.4']) {
      attempts.record(client);
      attempts.record(client);
    }
    assert.equal(attempts.size, 3, 'the expired window went first');
    for (const client of ['10.0.0.2', '10.0.0.3', '10.0.0.4']) assert.ok(attempts.blockedFor(client));
    attempts.record('10.0.0.5');
    assert.equal(attempts.size, 3);
    assert.equal(attempts.blockedFor('10.0.0.2'), undefined, 'the oldest window made room');
    assert.ok(attempts.blockedFor('10.0.0.4'));
    for (let i = 0; i < 10_000; i++) attempts.record(`10.1.${i >> 8}.${i & 255}`);
    assert.equal(attempts.size, 3, 'a flood of addresses never grows memory past the bound');
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
