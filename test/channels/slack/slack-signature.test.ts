import assert from 'node:assert/strict';
import { isValidSlackRequest } from '@slack/bolt';
import { signSlackRequest, verifySlackSignature } from '../../../channels/slack/slack-signature.js';

// The worked example from Slack's "Verifying requests from Slack" documentation.
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = '1531420618';
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const AT = (offsetSeconds: number) => new Date((Number(TIMESTAMP) + offsetSeconds) * 1000);

describe('Slack signature (v0)', () => {
  const ok = {
    signingSecret: SECRET,
    rawBody: Buffer.from(BODY),
    timestamp: TIMESTAMP,
    signature: SIGNATURE,
    now: AT(10),
  };

  it('signs and accepts the documented example, as Bolt does', () => {
    assert.equal(signSlackRequest(SECRET, TIMESTAMP, BODY), SIGNATURE);
    assert.equal(verifySlackSignature(ok), 'ok');
    const bolt = isValidSlackRequest({
      signingSecret: SECRET,
      body: BODY,
      headers: { 'x-slack-signature': SIGNATURE, 'x-slack-request-timestamp': Number(TIMESTAMP) },
      nowMilliseconds: AT(10).getTime(),
    });
    assert.equal(bolt, true);
  });

  it('refuses replays older or newer than 5 minutes by the injected clock', () => {
    assert.equal(verifySlackSignature({ ...ok, now: AT(300) }), 'ok');
    assert.equal(verifySlackSignature({ ...ok, now: AT(301) }), 'stale');
    assert.equal(verifySlackSignature({ ...ok, now: AT(-301) }), 'stale');
  });

  it('refuses a changed body, another secret, a truncated, missing or malformed signature', () => {
    assert.equal(verifySlackSignature({ ...ok, rawBody: Buffer.from(`${BODY}x`) }), 'mismatch');
    assert.equal(verifySlackSignature({ ...ok, signingSecret: 'other' }), 'mismatch');
    assert.equal(verifySlackSignature({ ...ok, signature: SIGNATURE.slice(0, -1) }), 'mismatch');
    assert.equal(verifySlackSignature({ ...ok, signature: SIGNATURE.replace('v0=', 'v1=') }), 'mismatch');
    assert.equal(verifySlackSignature({ ...ok, signature: undefined }), 'missing');
    assert.equal(verifySlackSignature({ ...ok, timestamp: 'soon' }), 'missing');
  });
});
