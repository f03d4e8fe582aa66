import assert from 'node:assert/strict';
import { AttemptLimiter } from '../../requests/liaison-attempt-limiter.js';
import {
  formatLinkCode,
  hashLinkCode,
  LINK_CODE_ALPHABET,
  LINK_CODE_LENGTH,
  linkCommandCode,
  normalizeLinkCode,
  randomLinkCode,
} from '../../requests/liaison-code.js';

describe('liaison link codes', () => {
  it('draws 12 characters from an alphabet without look-alikes, all different across draws', () => {
    const codes = new Set(Array.from({ length: 200 }, randomLinkCode));
    assert.equal(codes.size, 200);
    for (const code of codes) {
      assert.equal(code.length, LINK_CODE_LENGTH);
      assert.match(code, /^[A-HJKMNP-Z2-9]+$/);
      assert.match(code, /\d/, 'a digit tells a code from a word');
    }
    assert.ok(!/[01OIL]/.test(LINK_CODE_ALPHABET));
  });

  it('accepts a code typed in lower case, with spaces or dashes', () => {
    assert.equal(normalizeLinkCode('km7q 4txr-9hwd'), 'KM7Q4TXR9HWD');
    assert.equal(formatLinkCode('KM7Q4TXR9HWD'), 'KM7Q-4TXR-9HWD');
  });

  it('refuses what cannot be a code (short, look-alike letters)', () => {
    assert.equal(normalizeLinkCode('KM7Q4TXR9HW'), undefined);
    assert.equal(normalizeLinkCode('KM7Q4TXR9HW0'), undefined);
    assert.equal(normalizeLinkCode(''), undefined);
  });

  it('stores a hash that differs per code and is not the code', () => {
    const hash = hashLinkCode('KM7Q4TXR9HWD');
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.ok(!hash.includes('KM7Q'));
    assert.notEqual(hash, hashLinkCode('KM7Q4TXR9HWE'));
  });

  it('finds the code in a LIAISON message, and nothing in other messages', () => {
    assert.equal(linkCommandCode('LIAISON KM7Q-4TXR-9HWD'), 'KM7Q-4TXR-9HWD');
    assert.equal(linkCommandCode('  liaison: km7q4txr9hwd '), 'km7q4txr9hwd');
    assert.equal(linkCommandCode('Liaison KM7Q 4TXR 9HWE.'), 'KM7Q 4TXR 9HWE');
    assert.equal(linkCommandCode('liaison ABCD1234XXXX'), 'ABCD1234XXXX', 'a wrong code is still an attempt');
    assert.equal(linkCommandCode('liaison'), undefined);
    assert.equal(linkCommandCode('liaison program'), undefined);
    assert.equal(linkCommandCode('liaison training in 2026'), undefined);
    assert.equal(linkCommandCode('what is a liaisons program'), undefined);
    assert.equal(linkCommandCode('my liaison KM7Q4TXR9HWD'), undefined);
  });
});

describe('AttemptLimiter', () => {
  const limits = { perKey: 5, global: 8, windowMs: 60 * 60 * 1000, maxKeys: 100 };

  it('refuses an identity after 5 failures in an hour, and lets it try again an hour later', async () => {
    let now = new Date('2026-11-20T10:00:00Z');
    const limiter = new AttemptLimiter(() => now, limits);
    for (let i = 0; i < 5; i++) {
      assert.ok(await limiter.allowed('sms:+12155550100'), `attempt ${i + 1}`);
      await limiter.recordFailure('sms:+12155550100');
    }
    assert.equal(await limiter.allowed('sms:+12155550100'), false);
    assert.ok(await limiter.allowed('sms:+12155550199'), 'another identity is not affected');
    now = new Date('2026-11-20T11:00:01Z');
    assert.ok(await limiter.allowed('sms:+12155550100'));
  });

  it('refuses everyone once the global number of failures is reached', async () => {
    const now = new Date('2026-11-20T10:00:00Z');
    const limiter = new AttemptLimiter(() => now, limits);
    for (let i = 0; i < 8; i++) await limiter.recordFailure(`x:${i}`);
    assert.equal(await limiter.allowed('slack:U123'), false);
  });

  it('keeps the global count when a flood of identities overflows the per-identity memory', async () => {
    const now = new Date('2026-11-20T10:00:00Z');
    const limiter = new AttemptLimiter(() => now, { ...limits, global: 150 });
    for (let i = 0; i < 150; i++) await limiter.recordFailure(`sms:+1215555${String(i).padStart(4, '0')}`);
    assert.equal(
      await limiter.allowed('slack:U123'),
      false,
      '150 identities, 100 remembered: still 150 failures',
    );
  });

  it('forgets an identity failures after a success', async () => {
    const now = new Date('2026-11-20T10:00:00Z');
    const limiter = new AttemptLimiter(() => now, limits);
    for (let i = 0; i < 5; i++) await limiter.recordFailure('sms:1');
    await limiter.reset('sms:1');
    assert.ok(await limiter.allowed('sms:1'));
  });
});
