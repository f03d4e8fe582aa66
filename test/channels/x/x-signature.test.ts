import assert from 'node:assert/strict';
import { crcResponseToken, signXBody, verifyXSignature } from '../../../channels/x/x-signature.js';

// Vectors computed independently with `openssl dgst -sha256 -hmac test-consumer-secret -binary | base64`.
const SECRET = 'test-consumer-secret';
const BODY = '{"for_user_id":"100","direct_message_events":[]}';
const BODY_SIGNATURE = 'sha256=zUb3n/yIa+/2mqT5gxe0MNBrnZ/wpEOJDwF/stG4ZLo=';

describe('X webhook signatures', () => {
  it('answers the CRC challenge with sha256= and the base64 HMAC of the token', () => {
    assert.equal(
      crcResponseToken(SECRET, 'crc-token-1234'),
      'sha256=3bLShEtGaUbBdRhJ8m0ID1aznpraiVJSXTyvx/5SFZU=',
    );
  });

  it('signs and verifies the raw body', () => {
    assert.equal(signXBody(SECRET, BODY), BODY_SIGNATURE);
    assert.equal(
      verifyXSignature({ consumerSecret: SECRET, rawBody: Buffer.from(BODY), signature: BODY_SIGNATURE }),
      true,
    );
  });

  it('rejects another body, secret, a missing prefix, a truncated or a missing signature', () => {
    const ok = { consumerSecret: SECRET, rawBody: Buffer.from(BODY), signature: BODY_SIGNATURE };
    const cases = [
      { ...ok, rawBody: Buffer.from(`${BODY} `) },
      { ...ok, consumerSecret: 'other' },
      { ...ok, signature: BODY_SIGNATURE.slice('sha256='.length) },
      { ...ok, signature: BODY_SIGNATURE.slice(0, -1) },
      { ...ok, signature: undefined },
    ];
    for (const input of cases) assert.equal(verifyXSignature(input), false);
  });
});
