/**
 * The Twilio sender the SMS channel uses by default: the official client on
 * its own worker thread, against a loopback fake of Twilio's Messages API.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ChannelError } from '../../../channels/common/channel-error.js';
import { createThreadedTwilioSender, type ThreadedSmsSender } from '../../../channels/sms/threaded-sender.js';
import { twilioErrorCode } from '../../../channels/sms/twilio-sender.js';
import { type FakeTwilio, startFakeTwilio } from '../../helpers/fake-twilio.js';
import { TEST_ACCOUNT_SID, TEST_BOT_NUMBER, testTwilioConfig } from '../../helpers/twilio-webhook.js';

const RESIDENT = '+12155550178';

describe('Twilio sender on its own thread (fake Twilio API)', () => {
  let fake: FakeTwilio;
  let sender: ThreadedSmsSender;

  beforeEach(async () => {
    fake = await startFakeTwilio();
    sender = createThreadedTwilioSender(testTwilioConfig(fake.url));
  });
  afterEach(async () => {
    await sender.close();
    await fake.close();
  });

  it('sends text and photos as the account and returns the sid Twilio gave, for many messages at once', async () => {
    const sids = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        sender.send({
          to: RESIDENT,
          body: `Reply ${i}: ü & "quotes"`,
          mediaUrls: i === 0 ? ['https://311.example.org/a.jpg'] : [],
        }),
      ),
    );
    assert.equal(new Set(sids).size, 40, 'each message has its own sid');
    for (const sid of sids) assert.match(sid, /^SM[0-9a-f]{32}$/);
    assert.equal(fake.sent.length, 40);
    const first = fake.sent.find((m) => m.body.startsWith('Reply 0:'));
    assert.deepEqual(first, {
      accountSid: TEST_ACCOUNT_SID,
      username: TEST_ACCOUNT_SID,
      from: TEST_BOT_NUMBER,
      to: RESIDENT,
      body: 'Reply 0: ü & "quotes"',
      mediaUrls: ['https://311.example.org/a.jpg'],
    });
  });

  it("brings Twilio's error code back from the thread (21610: the number opted out at Twilio)", async () => {
    fake.unsubscribed.add(RESIDENT);
    const error = await sender.send({ to: RESIDENT, body: 'hello', mediaUrls: [] }).catch((e: unknown) => e);
    assert.ok(error instanceof ChannelError);
    assert.equal(error.code, 'PROVIDER_FAILED');
    assert.equal(twilioErrorCode(error), 21610);
  });

  it('fails a message in flight when the thread stops, and the next message starts a new one', async () => {
    await sender.send({ to: RESIDENT, body: 'first', mediaUrls: [] });
    fake.delayMs = 2_000;
    const inFlight = sender.send({ to: RESIDENT, body: 'slow', mediaUrls: [] }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await sender.close();
    const error = await inFlight;
    assert.ok(error instanceof ChannelError);
    assert.equal(error.code, 'PROVIDER_FAILED');

    fake.delayMs = 0;
    assert.match(await sender.send({ to: RESIDENT, body: 'again', mediaUrls: [] }), /^SM/);
    assert.deepEqual(
      fake.sent.map((m) => m.body).filter((b) => b !== 'slow'),
      ['first', 'again'],
    );
  });

  it('does not keep a finished program running', async () => {
    // A script that sends one message and returns: it must exit on its own (the thread is idle).
    const script = fileURLToPath(new URL('./threaded-sender-exit.fixture.ts', import.meta.url));
    const started = Date.now();
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', script, fake.url],
        { timeout: 20_000 },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      );
    });
    assert.match(output, /^sent SM[0-9a-f]{32}$/m);
    assert.ok(Date.now() - started < 20_000);
  });

  it('fails with a clear error when Twilio cannot be reached, and the thread keeps serving', async () => {
    const unreachable = createThreadedTwilioSender(
      testTwilioConfig(`http://127.0.0.1:${await closedPort()}`),
    );
    try {
      const error = await unreachable
        .send({ to: RESIDENT, body: 'hello', mediaUrls: [] })
        .catch((e: unknown) => e);
      assert.ok(error instanceof ChannelError);
      assert.equal(error.code, 'PROVIDER_FAILED');
      assert.match(await sender.send({ to: RESIDENT, body: 'still here', mediaUrls: [] }), /^SM/);
    } finally {
      await unreachable.close();
    }
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
