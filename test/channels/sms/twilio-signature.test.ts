import assert from 'node:assert/strict';
import {
  signTwilioRequest,
  twilioWebhookUrl,
  verifyTwilioSignature,
} from '../../../channels/sms/twilio-signature.js';

// The worked example from Twilio's "Webhooks security" documentation.
const AUTH_TOKEN = '12345';
const URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+12349013030',
  Digits: '1234',
  From: '+12349013030',
  To: '+18005551212',
};
const SIGNATURE = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';

describe('Twilio signature', () => {
  it('accepts the documented example and computes the same signature', () => {
    assert.equal(signTwilioRequest(AUTH_TOKEN, URL, PARAMS), SIGNATURE);
    assert.equal(
      verifyTwilioSignature({ authToken: AUTH_TOKEN, url: URL, params: PARAMS, signature: SIGNATURE }),
      true,
    );
  });

  it('rejects a changed parameter, URL, token, or a missing or truncated signature', () => {
    const base = { authToken: AUTH_TOKEN, url: URL, params: PARAMS, signature: SIGNATURE };
    const cases = [
      { ...base, params: { ...PARAMS, Digits: '1235' } },
      { ...base, params: { ...PARAMS, Extra: '' } },
      { ...base, url: 'https://mycompany.com/myapp.php?foo=1&bar=3' },
      { ...base, url: 'http://mycompany.com/myapp.php?foo=1&bar=2' },
      { ...base, authToken: '12346' },
      { ...base, signature: undefined },
      { ...base, signature: '' },
      { ...base, signature: SIGNATURE.slice(0, -2) },
    ];
    for (const input of cases) assert.equal(verifyTwilioSignature(input), false, JSON.stringify(input));
  });

  it('is checked over PUBLIC_URL (path prefix kept) plus the path and query as received', () => {
    assert.equal(
      twilioWebhookUrl('https://311.example.org', '/sms?city=phl'),
      'https://311.example.org/sms?city=phl',
    );
    assert.equal(twilioWebhookUrl('https://example.org/bot/', '/sms'), 'https://example.org/bot/sms');
    assert.equal(twilioWebhookUrl('https://311.example.org', 'http://other.example/sms'), undefined);
    const base = { authToken: AUTH_TOKEN, params: PARAMS, signature: SIGNATURE };
    assert.equal(verifyTwilioSignature({ ...base, url: 'https://mycompany.com/myapp.php' }), false);
    assert.equal(verifyTwilioSignature({ ...base, url: 'not a url' }), false, 'refused, not thrown');
  });
});
