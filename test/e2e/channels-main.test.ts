/**
 * The composition root with the messaging channels configured, as an operator
 * starts it: main(env) reads Twilio, Slack and X credentials from the
 * environment, mounts the channels, and wires the notifier to the request
 * service; staff change a status over the staff API and the resident hears of
 * it by SMS. Provider APIs are loopback fakes, configured through the env.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../bot/main.js';
import {
  dmEvent,
  eventEnvelope,
  type FakeSlack,
  postSlack,
  startFakeSlack,
  TEST_SLACK_SECRET,
  TEST_SLACK_TOKEN,
} from '../helpers/fake-slack.js';
import { type FakeTwilio, startFakeTwilio } from '../helpers/fake-twilio.js';
import {
  dmPayload,
  type FakeX,
  postXWebhook,
  startFakeX,
  TEST_X_BOT_ID,
  TEST_X_SECRET,
  TEST_X_TOKEN,
} from '../helpers/fake-x.js';
import { waitUntil } from '../helpers/loopback-server.js';
import { postTwilioWebhook, smsParams, testTwilioEnv } from '../helpers/twilio-webhook.js';

const PUBLIC_URL = 'https://311.example.org';
const RESIDENT = '+12155550163';
const STAFF_TOKEN = 'staff-token-for-tests';

describe('main(env) with SMS, Slack and X configured', function () {
  this.timeout(30_000);
  let twilio: FakeTwilio;
  let slack: FakeSlack;
  let x: FakeX;
  let dataDir: string;
  let stop: () => void;
  let exited: Promise<number>;
  let base: string;
  const lines: string[] = [];

  before(async () => {
    [twilio, slack, x] = await Promise.all([startFakeTwilio(), startFakeSlack(), startFakeX()]);
    dataDir = await mkdtemp(join(tmpdir(), 'channels-main-'));
    const stopped = new Promise((resolve) => {
      stop = () => resolve(undefined);
    });
    const listening = new Promise<string>((resolve) => {
      exited = main(
        {
          PORT: '0',
          DATA_DIR: dataDir,
          PUBLIC_URL,
          STAFF_TOKEN,
          LOG_LEVEL: 'debug',
          ...testTwilioEnv(twilio.url),
          SLACK_SIGNING_SECRET: TEST_SLACK_SECRET,
          SLACK_BOT_TOKEN: TEST_SLACK_TOKEN,
          SLACK_API_URL: slack.apiUrl,
          X_CONSUMER_SECRET: TEST_X_SECRET,
          X_ACCESS_TOKEN: TEST_X_TOKEN,
          X_BOT_USER_ID: TEST_X_BOT_ID,
          X_API_URL: x.url,
        },
        { log: (line) => lines.push(line), stop: stopped, onListening: resolve },
      );
    });
    base = (await listening).replace('localhost', '127.0.0.1');
  });

  after(async () => {
    stop();
    assert.equal(await exited, 0);
    await Promise.all([twilio.close(), slack.close(), x.close()]);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('says at start-up that the three channels are on', () => {
    for (const name of ['sms', 'slack', 'x']) {
      assert.ok(
        lines.some((l) => (JSON.parse(l) as { msg: string }).msg.startsWith(`channel ${name}: on`)),
        `channel ${name} on in:\n${lines.join('\n')}`,
      );
    }
  });

  it('answers on every channel', async () => {
    const question = 'how do i start a business';
    const sms = await postTwilioWebhook(`${base}/sms`, smsParams({ from: RESIDENT, body: question }), {
      signedUrl: `${PUBLIC_URL}/sms`,
    });
    const slackRes = await postSlack(`${base}/slack/events`, eventEnvelope(dmEvent('U0MAIN', question)));
    const xRes = await postXWebhook(
      `${base}/x/webhook`,
      JSON.stringify(dmPayload([{ senderId: '42', text: question }])),
    );
    assert.deepEqual([sms.status, slackRes.status, xRes.status], [200, 200, 200]);
    await twilio.waitForCount(1);
    await slack.waitForCount(1);
    await x.waitForCount(1);
    assert.match(twilio.sent[0]!.body, /Commercial Activity License/);
    assert.match(slack.posts[0]!.text, /Commercial Activity License/);
    assert.match(x.sent[0]!.text, /Commercial Activity License/);
  });

  it('tells the resident by SMS when staff change the status of the request they texted in', async () => {
    const steps = ['pothole at 1234 Spruce St', '4', '5', 'Deep hole in the lane', '1', '3', '1', '1'];
    for (const body of steps) {
      const before = twilio.to(RESIDENT).length;
      await postTwilioWebhook(`${base}/sms`, smsParams({ from: RESIDENT, body }), {
        signedUrl: `${PUBLIC_URL}/sms`,
      });
      await waitUntil(() => twilio.to(RESIDENT).length > before, `a reply to "${body}"`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const filed = twilio
      .to(RESIDENT)
      .map((m) => m.body)
      .join(' ');
    const tracking = /tracking number is #(\d{8})/.exec(filed)?.[1];
    assert.ok(tracking, filed);

    const before = twilio.to(RESIDENT).length;
    const res = await fetch(`${base}/api/requests/${tracking}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${STAFF_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'in-progress', note: 'Crew assigned' }),
    });
    assert.equal(res.status, 200, await res.text());
    await waitUntil(() => twilio.to(RESIDENT).length > before, 'the status notice');
    assert.match(
      twilio.to(RESIDENT).at(-1)!.body,
      new RegExp(`^Update on request #${tracking} .*In progress - Crew assigned\\.`),
    );
  });

  it('logs no phone number', () => {
    assert.doesNotMatch(lines.join('\n'), /2155550163/);
  });
});
