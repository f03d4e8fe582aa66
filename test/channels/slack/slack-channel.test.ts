/**
 * The Slack channel over real HTTP on loopback: Events API and interactivity
 * requests signed with Slack's v0 scheme, replies to a loopback fake of the
 * Web API (auth.test, chat.postMessage). Echo bot here; the real bot is
 * driven in test/e2e/slack.test.ts.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityHandler, MessageFactory } from 'botbuilder';
import express from 'express';
import { defaultKeywordTexts, keywordsMiddleware } from '../../../bot/keywords-middleware.js';
import { silentLogger } from '../../../bot/logger.js';
import { createMemoryOptOutStore } from '../../../bot/opt-out-store.js';
import { TurnQueue } from '../../../bot/turn-queue.js';
import { createSlackChannel, type SlackChannel } from '../../../channels/slack/index.js';
import {
  buttonPayload,
  dmEvent,
  eventEnvelope,
  type FakeSlack,
  mentionEvent,
  postSlack,
  startFakeSlack,
  TEST_SLACK_BOT_USER,
  TEST_SLACK_SECRET,
  TEST_SLACK_TOKEN,
} from '../../helpers/fake-slack.js';
import { memoryInboxWorker } from '../../helpers/inbox.js';

const ALICE = 'U0ALICE';

class EchoBot extends ActivityHandler {
  readonly seen: string[] = [];
  /** Makes the bot slow, to show the acknowledgement does not wait for it. */
  delayMs = 0;
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const text = context.activity.text ?? '';
      this.seen.push(text);
      if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      if (text === 'menu') {
        await context.sendActivity(
          MessageFactory.suggestedActions(['Pothole', 'Graffiti'], 'What is the **problem**?'),
        );
      } else {
        await context.sendActivity(`echo: ${text}`);
      }
      await next();
    });
  }
}

describe('Slack channel (Bolt on our receiver, echo bot)', () => {
  let fake: FakeSlack;
  let server: Server;
  let url: string;
  let slack: SlackChannel;
  let bot: EchoBot;
  let now: () => Date;

  beforeEach(async () => {
    fake = await startFakeSlack();
    bot = new EchoBot();
    now = () => new Date();
    const optOuts = createMemoryOptOutStore();
    slack = createSlackChannel({
      slack: { signingSecret: TEST_SLACK_SECRET, botToken: TEST_SLACK_TOKEN, apiUrl: fake.apiUrl },
      bot,
      queue: new TurnQueue(),
      logger: silentLogger,
      optOuts,
      inbox: memoryInboxWorker(),
      clock: () => now(),
    });
    slack.adapter.use(
      keywordsMiddleware({ optOuts, logger: silentLogger, texts: defaultKeywordTexts('Philadelphia') }),
    );
    const app = express();
    app.use(slack.router);
    app.use(express.json());
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });

  afterEach(async () => {
    await slack.adapter.idle();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await fake.close();
  });

  it('answers url_verification with the challenge', async () => {
    const res = await postSlack(url, { type: 'url_verification', challenge: 'abc123', token: 't' });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body), { challenge: 'abc123' });
  });

  it('answers a direct message in the same DM, using auth.test once for the bot identity', async () => {
    const res = await postSlack(url, eventEnvelope(dmEvent(ALICE, 'hello &amp; <https://x.org|bye>')));
    assert.equal(res.status, 200);
    await fake.waitForCount(1);
    assert.deepEqual(fake.posts[0], {
      token: TEST_SLACK_TOKEN,
      channel: `D${ALICE}`,
      text: 'echo: hello &amp; bye',
      threadTs: undefined,
      blocks: undefined,
    });
    await postSlack(url, eventEnvelope(dmEvent(ALICE, 'again')));
    await fake.waitForCount(2);
    assert.equal(fake.authTests, 1);
  });

  it('answers an @mention in its thread, without the mention', async () => {
    const event = mentionEvent(ALICE, 'when is trash day?');
    await postSlack(url, eventEnvelope(event));
    await fake.waitForCount(1);
    assert.equal(fake.posts[0]!.channel, 'C0TOWNHALL');
    assert.equal(fake.posts[0]!.threadTs, event.ts);
    assert.deepEqual(bot.seen, ['when is trash day?']);
  });

  it('offers choices as buttons; a press answers like typed text, in the same thread', async () => {
    await postSlack(url, eventEnvelope(mentionEvent(ALICE, 'menu')));
    const [post] = await fake.waitForCount(1);
    assert.deepEqual(
      post!.blocks?.map((b) => b.type),
      ['section', 'actions'],
    );
    assert.equal((post!.blocks![0] as { text: { text: string } }).text.text, 'What is the *problem*?');
    const press = await postSlack(url, buttonPayload(ALICE, post!, 1), { form: true });
    assert.equal(press.status, 200);
    await fake.waitForCount(2);
    assert.deepEqual(bot.seen, ['menu', 'Graffiti']);
    assert.equal(fake.posts[1]!.threadTs, post!.threadTs);
    assert.equal(fake.posts[1]!.text, 'echo: Graffiti');
  });

  it('acknowledges before a slow bot answers, and handles a retried event once', async () => {
    bot.delayMs = 1500;
    const envelope = eventEnvelope(dmEvent(ALICE, 'slow'));
    const first = await postSlack(url, envelope);
    assert.equal(first.status, 200);
    assert.ok(first.ms < 1000, `acknowledged in ${first.ms} ms`);
    const retry = await postSlack(url, envelope, { retryNum: 1 });
    assert.equal(retry.status, 200);
    await slack.adapter.idle();
    assert.deepEqual(bot.seen, ['slow']);
    assert.equal(fake.posts.length, 1);
  });

  it('acknowledges within the deadline even while Slack\u2019s auth.test is slow', async () => {
    fake.authDelayMs = 4000;
    const res = await postSlack(url, eventEnvelope(dmEvent(ALICE, 'hello')));
    assert.equal(res.status, 200);
    assert.ok(res.ms < 1000, `acknowledged in ${res.ms} ms`);
    await fake.waitForCount(1, 10_000);
    assert.equal(fake.posts[0]!.text, 'echo: hello');
  });

  it('ignores the bot\u2019s own messages, edits and other bots', async () => {
    await postSlack(url, eventEnvelope(dmEvent(TEST_SLACK_BOT_USER, 'echo: x')));
    await postSlack(
      url,
      eventEnvelope(dmEvent(ALICE, 'edited', `D${ALICE}`, { subtype: 'message_changed' })),
    );
    await postSlack(url, eventEnvelope(dmEvent('U0OTHERBOT', 'beep', `D${ALICE}`, { bot_id: 'B0OTHER' })));
    await slack.adapter.idle();
    assert.deepEqual(bot.seen, []);
    assert.equal(fake.posts.length, 0);
  });

  it('refuses forged, stale and unsigned requests (401) and bad bodies (4xx), and stays up', async () => {
    const body = eventEnvelope(dmEvent(ALICE, 'hello'));
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const results = [
      await postSlack(url, body, { secret: 'not-the-secret' }),
      await postSlack(url, body, { timestamp: stale }),
      await postSlack(url, body, { signature: null }),
      await postSlack(url, '{broken json'),
      await postSlack(url, JSON.stringify({ pad: 'x'.repeat(1024 * 1024) })),
      await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' }),
    ];
    assert.deepEqual(
      results.map((r) => r.status),
      [401, 401, 401, 400, 413, 415],
    );
    await slack.adapter.idle();
    assert.deepEqual(bot.seen, []);
    const ok = await postSlack(url, eventEnvelope(dmEvent(ALICE, 'still up')));
    assert.equal(ok.status, 200);
    await fake.waitForCount(1);
  });
});
