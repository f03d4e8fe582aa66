/**
 * The Twilio sender as the bot uses it: the official `twilio` REST client on
 * our HTTP client, against a loopback fake of Twilio's Messages API.
 */
import assert from 'node:assert/strict';
import { ChannelError } from '../../../channels/common/channel-error.js';
import { formEncode, TwilioHttpClient } from '../../../channels/sms/twilio-http-client.js';
import { createTwilioSender, type SmsSender, twilioErrorCode } from '../../../channels/sms/twilio-sender.js';
import { type FakeTwilio, startFakeTwilio } from '../../helpers/fake-twilio.js';
import { TEST_ACCOUNT_SID, TEST_BOT_NUMBER, testTwilioConfig } from '../../helpers/twilio-webhook.js';

const RESIDENT = '+12155550177';

describe('Twilio sender (twilio client on our HTTP client, fake Twilio API)', () => {
  let fake: FakeTwilio;
  let sender: SmsSender;

  beforeEach(async () => {
    fake = await startFakeTwilio();
    sender = createTwilioSender(testTwilioConfig(fake.url));
  });
  afterEach(() => fake.close());

  it('sends the text and every photo URL as the account, and returns the message sid', async () => {
    const sid = await sender.send({
      to: RESIDENT,
      body: 'Your report 12345678 is open. Ünïcode & "quotes" stay intact.',
      mediaUrls: ['https://311.example.org/a.jpg', 'https://311.example.org/b.jpg?x=1&y=2'],
    });
    assert.match(sid, /^SM[0-9a-f]{32}$/);
    assert.deepEqual(fake.sent, [
      {
        accountSid: TEST_ACCOUNT_SID,
        username: TEST_ACCOUNT_SID,
        from: TEST_BOT_NUMBER,
        to: RESIDENT,
        body: 'Your report 12345678 is open. Ünïcode & "quotes" stay intact.',
        mediaUrls: ['https://311.example.org/a.jpg', 'https://311.example.org/b.jpg?x=1&y=2'],
      },
    ]);
  });

  it('reuses one connection for many messages (keep-alive)', async () => {
    for (let i = 0; i < 5; i++) await sender.send({ to: RESIDENT, body: `message ${i}`, mediaUrls: [] });
    assert.equal(fake.sent.length, 5);
    assert.equal(fake.connections, 1);
  });

  it('retries a 429 (too many requests) and the message goes out once', async () => {
    fake.rateLimitNext = 2;
    await sender.send({ to: RESIDENT, body: 'after a rate limit', mediaUrls: [] });
    assert.deepEqual(
      fake.sent.map((m) => m.body),
      ['after a rate limit'],
    );
  });

  it('gives up after three retries with a PROVIDER_FAILED error carrying Twilio code 20429', async () => {
    fake.rateLimitNext = 10;
    const error = await sender.send({ to: RESIDENT, body: 'never sent', mediaUrls: [] }).then(
      () => assert.fail('the send should fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ChannelError);
    assert.equal(error.code, 'PROVIDER_FAILED');
    assert.equal(twilioErrorCode(error), 20429);
    assert.equal(fake.rateLimitNext, 6, 'one try and three retries');
    assert.equal(fake.sent.length, 0);
  });

  it("reports Twilio's unsubscribed-recipient error code (21610) so the adapter records the opt-out", async () => {
    fake.unsubscribed.add(RESIDENT);
    const error = await sender.send({ to: RESIDENT, body: 'x', mediaUrls: [] }).catch((e: unknown) => e);
    assert.equal(twilioErrorCode(error), 21610);
  });

  it('fails a call Twilio does not answer in time instead of waiting forever', async () => {
    const client = new TwilioHttpClient({ timeoutMs: 100, maxRetries: 0 });
    fake.delayMs = 1000;
    const started = Date.now();
    const error = await client
      .request({ method: 'post', uri: `${fake.url}/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Messages.json` })
      .catch((e: unknown) => e);
    client.close();
    assert.ok(error instanceof ChannelError);
    assert.equal(error.code, 'PROVIDER_FAILED');
    assert.ok(Date.now() - started < 900, 'gave up at the timeout');
  });

  it('form-encodes arrays as repeated keys and leaves out undefined values', () => {
    assert.equal(
      formEncode({
        To: '+1 215',
        Body: 'a&b=c',
        MediaUrl: ['u1', 'u2'],
        StatusCallback: undefined,
        Attempt: 2,
      }),
      'To=%2B1+215&Body=a%26b%3Dc&MediaUrl=u1&MediaUrl=u2&Attempt=2',
    );
  });
});
