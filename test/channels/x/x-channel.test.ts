/**
 * The X DM channel over real HTTP on loopback: events signed as X signs
 * them, replies to a loopback fake of the X API. Echo bot here; the real bot
 * is driven in test/e2e/x.test.ts.
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
import { createXChannel, type XChannel } from '../../../channels/x/index.js';
import {
  dmPayload,
  type FakeX,
  postXWebhook,
  startFakeX,
  TEST_X_BOT_ID,
  TEST_X_SECRET,
  TEST_X_TOKEN,
} from '../../helpers/fake-x.js';
import { memoryInboxWorker } from '../../helpers/inbox.js';

const ALICE = '2244994945';

class EchoBot extends ActivityHandler {
  readonly seen: string[] = [];
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const text = context.activity.text ?? '';
      this.seen.push(text);
      if (text === 'menu')
        await context.sendActivity(MessageFactory.suggestedActions(['Yes', 'No'], 'Right address?'));
      else if (context.activity.attachments?.length) {
        await context.sendActivity(`photo ${context.activity.attachments[0]!.contentUrl} with "${text}"`);
      } else await context.sendActivity(`echo: ${text}`);
      await next();
    });
  }
}

describe('X DM channel (Account Activity webhook, echo bot)', () => {
  let fake: FakeX;
  let server: Server;
  let base: string;
  let x: XChannel;
  let bot: EchoBot;

  beforeEach(async () => {
    fake = await startFakeX();
    bot = new EchoBot();
    const optOuts = createMemoryOptOutStore();
    x = createXChannel({
      x: {
        consumerSecret: TEST_X_SECRET,
        accessToken: TEST_X_TOKEN,
        botUserId: TEST_X_BOT_ID,
        apiUrl: fake.url,
      },
      bot,
      queue: new TurnQueue(),
      logger: silentLogger,
      optOuts,
      inbox: memoryInboxWorker(),
    });
    x.adapter.use(
      keywordsMiddleware({ optOuts, logger: silentLogger, texts: defaultKeywordTexts('Philadelphia') }),
    );
    const app = express();
    app.use(x.router);
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x/webhook`;
  });

  afterEach(async () => {
    await x.adapter.idle();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await fake.close();
  });

  it('answers the CRC challenge and refuses a CRC without a token', async () => {
    const ok = await fetch(`${base}?crc_token=crc-token-1234`);
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), {
      response_token: 'sha256=3bLShEtGaUbBdRhJ8m0ID1aznpraiVJSXTyvx/5SFZU=',
    });
    assert.equal((await fetch(base)).status, 400);
  });

  it('handles a signed DM and replies through the X API with the bearer token', async () => {
    const res = await postXWebhook(base, JSON.stringify(dmPayload([{ senderId: ALICE, text: 'hello' }])));
    assert.equal(res.status, 200);
    await fake.waitForCount(1);
    assert.deepEqual(fake.sent, [
      { participantId: ALICE, authorization: `Bearer ${TEST_X_TOKEN}`, text: 'echo: hello' },
    ]);
  });

  it('ignores the bot\u2019s own echoes and a repeated event id', async () => {
    const echo = dmPayload([{ senderId: TEST_X_BOT_ID, recipientId: ALICE, text: 'echo: hello' }]);
    const event = dmPayload([{ senderId: ALICE, text: 'once', eventId: '777' }]);
    assert.equal((await postXWebhook(base, JSON.stringify(echo))).status, 200);
    assert.equal((await postXWebhook(base, JSON.stringify(event))).status, 200);
    assert.equal((await postXWebhook(base, JSON.stringify(event))).status, 200);
    await x.adapter.idle();
    assert.deepEqual(bot.seen, ['once']);
    assert.equal(fake.sent.length, 1);
  });

  it('refuses forged or missing signatures (403) and bad bodies (4xx) with no side effect', async () => {
    const body = JSON.stringify(dmPayload([{ senderId: ALICE, text: 'hello' }]));
    const results = [
      await postXWebhook(base, body, { secret: 'not-the-secret' }),
      await postXWebhook(base, body, { signature: null }),
      await postXWebhook(base, '', {}),
      await postXWebhook(base, '{not json', {}),
      await postXWebhook(base, JSON.stringify({ direct_message_events: 'nope' }), {}),
      await postXWebhook(base, JSON.stringify({ direct_message_events: [{ type: 'message_create' }] }), {}),
      await postXWebhook(base, body, { contentType: 'text/plain' }),
      await postXWebhook(base, JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }), {}),
    ];
    assert.deepEqual(
      results.map((r) => r.status),
      [403, 403, 400, 400, 400, 400, 415, 413],
    );
    await x.adapter.idle();
    assert.deepEqual(bot.seen, []);
    assert.equal(fake.sent.length, 0);
  });

  it('numbers choices, maps "1" back, and passes a photo as an attachment', async () => {
    await postXWebhook(base, JSON.stringify(dmPayload([{ senderId: ALICE, text: 'menu' }])));
    await fake.waitForCount(1);
    assert.equal(fake.sent[0]!.text, 'Right address?\n1) Yes\n2) No\nReply 1 or 2.');
    await postXWebhook(base, JSON.stringify(dmPayload([{ senderId: ALICE, text: '1' }])));
    const photo = { url: 'https://ton.twimg.com/dm/1/2/photo.jpg', tco: 'https://t.co/abc' };
    await postXWebhook(base, JSON.stringify(dmPayload([{ senderId: ALICE, text: 'pothole here', photo }])));
    await fake.waitForCount(3);
    assert.deepEqual(bot.seen, ['menu', 'Yes', 'pothole here']);
    assert.equal(fake.sent[2]!.text, `photo ${photo.url} with "pothole here"`);
  });

  it('keeps the webhook up when the X API fails', async () => {
    fake.failWith = 429;
    assert.equal(
      (await postXWebhook(base, JSON.stringify(dmPayload([{ senderId: ALICE, text: 'a' }])))).status,
      200,
    );
    await x.adapter.idle();
    fake.failWith = undefined;
    await postXWebhook(base, JSON.stringify(dmPayload([{ senderId: ALICE, text: 'b' }])));
    await fake.waitForCount(1);
    assert.equal(fake.sent[0]!.text, 'echo: b');
  });

  it('STOP opts out with one confirmation; nothing is sent afterwards', async () => {
    await postXWebhook(base, JSON.stringify(dmPayload([{ senderId: ALICE, text: 'STOP' }])));
    await postXWebhook(base, JSON.stringify(dmPayload([{ senderId: ALICE, text: 'hello?' }])));
    await x.adapter.idle();
    assert.equal(fake.sent.length, 1);
    assert.match(fake.sent[0]!.text, /no more messages/);
  });
});
