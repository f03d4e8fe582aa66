/**
 * The SMS channel over real HTTP on loopback: Twilio-signed webhooks in, the
 * real Twilio client out to a loopback fake of Twilio's API. The bot here is
 * a small echo bot (channel mechanics); test/e2e/sms.test.ts drives the real bot.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityHandler, CardFactory, MessageFactory } from 'botbuilder';
import express from 'express';
import {
  conversationReferenceMiddleware,
  createMemoryConversationStore,
} from '../../../bot/conversation-store.js';
import { defaultKeywordTexts, keywordsMiddleware } from '../../../bot/keywords-middleware.js';
import { createLogger, silentLogger } from '../../../bot/logger.js';
import { Notifier } from '../../../bot/notifier.js';
import { createMemoryOptOutStore } from '../../../bot/opt-out-store.js';
import { TurnQueue } from '../../../bot/turn-queue.js';
import { createSmsChannel, EMPTY_TWIML, type SmsChannel } from '../../../channels/sms/index.js';
import type { ServiceCode } from '../../../knowledge/types.js';
import type { ServiceRequest, TrackingNumber } from '../../../requests/types.js';
import { type FakeTwilio, startFakeTwilio } from '../../helpers/fake-twilio.js';
import { memoryInboxWorker } from '../../helpers/inbox.js';
import {
  newMessageSid,
  postTwilioWebhook,
  smsParams,
  TEST_ACCOUNT_SID,
  TEST_AUTH_TOKEN,
  TEST_BOT_NUMBER,
  testTwilioConfig,
} from '../../helpers/twilio-webhook.js';

const PUBLIC_URL = 'https://311.example.org';
const SIGNED_URL = `${PUBLIC_URL}/sms`;
const ALICE = '+12155550111';
const BOB = '+12155550122';

class EchoBot extends ActivityHandler {
  readonly seen: { text: string; attachments: number }[] = [];
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const text = context.activity.text ?? '';
      this.seen.push({ text, attachments: context.activity.attachments?.length ?? 0 });
      if (text === 'exit menu') {
        await context.sendActivity(MessageFactory.suggestedActions(['Keep going', 'Cancel'], 'Done?'));
      } else if (text === 'menu') {
        await context.sendActivity(
          MessageFactory.suggestedActions(
            ['Report a problem', 'Check a status', 'Ask a question'],
            'What now?',
          ),
        );
      } else if (text === 'long') {
        await context.sendActivity(`${'Collection runs one day late after a holiday. '.repeat(12)}Thanks.`);
      } else if (text === 'card') {
        await context.sendActivity({
          attachments: [CardFactory.heroCard('t')],
          text: 'With “quotes” — and…',
        });
      } else if (context.activity.attachments?.length) {
        const urls = context.activity.attachments.map((a) => `${a.contentType} ${a.contentUrl}`).join(', ');
        await context.sendActivity(`got ${urls}`);
      } else {
        await context.sendActivity(`echo: ${text}`);
      }
      await next();
    });
  }
}

describe('SMS channel (Twilio webhook, echo bot)', () => {
  let fake: FakeTwilio;
  let server: Server;
  let base: string;
  let sms: SmsChannel;
  let bot: EchoBot;
  let notifier: Notifier;
  const optOuts = createMemoryOptOutStore();
  const conversations = createMemoryConversationStore();

  beforeEach(async () => {
    fake = await startFakeTwilio();
    bot = new EchoBot();
    sms = createSmsChannel({
      twilio: testTwilioConfig(fake.url),
      publicUrl: PUBLIC_URL,
      bot,
      queue: new TurnQueue(),
      logger: silentLogger,
      optOuts,
      inbox: memoryInboxWorker(),
    });
    sms.adapter.use(
      keywordsMiddleware({ optOuts, logger: silentLogger, texts: defaultKeywordTexts('Philadelphia') }),
      conversationReferenceMiddleware(conversations, silentLogger),
    );
    notifier = new Notifier({ conversations, optOuts, logger: silentLogger });
    notifier.register('sms', sms.adapter);
    const app = express();
    app.use(sms.router);
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await sms.adapter.idle();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await fake.close();
  });

  const text = (from: string, body: string, sid?: string) =>
    postTwilioWebhook(`${base}/sms`, smsParams({ from, body, sid }), { signedUrl: SIGNED_URL });

  it('answers a signed message at once with empty TwiML and replies through the Twilio API', async () => {
    const res = await text(ALICE, 'hello');
    assert.equal(res.status, 200);
    assert.equal(res.contentType, 'text/xml; charset=utf-8');
    assert.equal(res.body, EMPTY_TWIML);
    await fake.waitForCount(1);
    assert.deepEqual(fake.sent[0], {
      accountSid: TEST_ACCOUNT_SID,
      username: TEST_ACCOUNT_SID,
      from: TEST_BOT_NUMBER,
      to: ALICE,
      body: 'echo: hello',
      mediaUrls: [],
    });
  });

  it('acknowledges at once even when Twilio\u2019s API is slow; the reply follows', async () => {
    fake.delayMs = 1500;
    const started = Date.now();
    const res = await text(ALICE, 'hello');
    assert.equal(res.status, 200);
    assert.ok(Date.now() - started < 1000, `acknowledged in ${Date.now() - started} ms`);
    assert.equal(fake.sent.length, 0);
    await fake.waitForCount(1, 5000);
    assert.equal(fake.sent[0]!.body, 'echo: hello');
  });

  it('rejects forged, missing and other-URL signatures with 403 before any bot logic', async () => {
    const params = smsParams({ from: ALICE, body: 'hello' });
    const forged = await postTwilioWebhook(`${base}/sms`, params, {
      signedUrl: SIGNED_URL,
      signature: 'bm9wZQ==',
    });
    const missing = await postTwilioWebhook(`${base}/sms`, params, {
      signedUrl: SIGNED_URL,
      signature: null,
    });
    const otherUrl = await postTwilioWebhook(`${base}/sms`, params, { signedUrl: `${base}/sms` });
    const wrongToken = await postTwilioWebhook(`${base}/sms`, params, {
      signedUrl: SIGNED_URL,
      authToken: 'x',
    });
    const tampered = await postTwilioWebhook(
      `${base}/sms`,
      { ...params, Body: 'changed' },
      {
        signedUrl: SIGNED_URL,
        signature: (await import('twilio')).default.getExpectedTwilioSignature(
          TEST_AUTH_TOKEN,
          SIGNED_URL,
          params,
        ),
      },
    );
    assert.deepEqual(
      [forged.status, missing.status, otherUrl.status, wrongToken.status, tampered.status],
      [403, 403, 403, 403, 403],
    );
    await sms.adapter.idle();
    assert.equal(bot.seen.length, 0);
    assert.equal(fake.sent.length, 0);
  });

  it('gives bad input a 4xx with no side effect and stays up', async () => {
    const wrongType = await fetch(`${base}/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"From":"+12155550111"}',
    });
    const empty = await fetch(`${base}/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const huge = await postTwilioWebhook(
      `${base}/sms`,
      smsParams({ from: ALICE, body: 'x'.repeat(1024 * 1024) }),
      { signedUrl: SIGNED_URL },
    );
    const noFrom = smsParams({ from: ALICE, body: 'hi' });
    delete noFrom.From;
    const malformed = await postTwilioWebhook(`${base}/sms`, noFrom, { signedUrl: SIGNED_URL });
    const badMedia = await postTwilioWebhook(
      `${base}/sms`,
      { ...smsParams({ from: ALICE, body: 'hi' }), NumMedia: '1' },
      { signedUrl: SIGNED_URL },
    );
    assert.deepEqual(
      [wrongType.status, empty.status, huge.status, malformed.status, badMedia.status],
      [415, 403, 413, 400, 400],
    );
    await sms.adapter.idle();
    assert.equal(bot.seen.length, 0);
    assert.equal(fake.sent.length, 0);
    const after = await text(ALICE, 'still there?');
    assert.equal(after.status, 200);
    await fake.waitForCount(1);
  });

  it('handles one MessageSid once, however often Twilio delivers it', async () => {
    const sid = newMessageSid();
    const results = await Promise.all([text(ALICE, 'once', sid), text(ALICE, 'once', sid)]);
    const retry = await text(ALICE, 'once', sid);
    assert.deepEqual([...results.map((r) => r.status), retry.status], [200, 200, 200]);
    await sms.adapter.idle();
    assert.deepEqual(bot.seen, [{ text: 'once', attachments: 0 }]);
    assert.equal(fake.sent.length, 1);
  });

  it('turns MMS photos into attachments the bot receives', async () => {
    const photo = {
      url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
      contentType: 'image/jpeg',
    };
    const res = await postTwilioWebhook(`${base}/sms`, smsParams({ from: ALICE, body: '', media: [photo] }), {
      signedUrl: SIGNED_URL,
    });
    assert.equal(res.status, 200);
    await fake.waitForCount(1);
    assert.equal(fake.sent[0]!.body, `got image/jpeg ${photo.url}`);
  });

  it('splits long replies at sentences into messages of at most 320 characters, GSM-safe', async () => {
    await text(ALICE, 'long');
    await text(ALICE, 'card');
    await sms.adapter.idle();
    const bodies = fake.to(ALICE).map((m) => m.body);
    assert.ok(bodies.length >= 3, `expected several messages, got ${bodies.length}`);
    for (const body of bodies) assert.ok(body.length <= 320, `${body.length} characters`);
    assert.ok(
      bodies.slice(0, -2).every((b) => b.endsWith('.')),
      'every split ends at a sentence',
    );
    assert.equal(bodies.at(-1), 'With "quotes" - and...');
  });

  it('numbers choices and maps a reply "2" back to the choice', async () => {
    await text(ALICE, 'menu');
    await fake.waitForCount(1);
    assert.equal(
      fake.sent[0]!.body,
      'What now?\n1) Report a problem\n2) Check a status\n3) Ask a question\nReply 1, 2 or 3.',
    );
    await text(ALICE, '2');
    await text(ALICE, '2');
    await sms.adapter.idle();
    assert.deepEqual(
      bot.seen.map((s) => s.text),
      ['menu', 'Check a status', '2'],
      'the choice answers the next message only',
    );
  });

  it('HELP gets the help text; STOP stops everything, notices included, until START', async () => {
    await text(ALICE, 'help');
    await fake.waitForCount(1);
    assert.match(fake.sent[0]!.body, /Emergencies: call 911\. Reply STOP/);

    await text(ALICE, 'Stop');
    await text(ALICE, 'what is trash day?');
    await sms.adapter.idle();
    assert.equal(fake.to(ALICE).length, 1, 'nothing after STOP, not even a confirmation (Twilio sends it)');
    assert.deepEqual(bot.seen, [], 'keywords never reach the bot; messages while opted out are dropped');

    const request = {
      id: '12345678' as TrackingNumber,
      serviceCode: 'pothole' as ServiceCode,
      requester: { channel: 'sms', userId: ALICE, conversationId: ALICE },
      followers: [],
      expectedAt: '2026-11-25T17:00:00.000Z',
    } as unknown as ServiceRequest;
    const change = { status: 'in-progress', at: '2026-11-23T15:00:00.000Z', by: 'staff' } as const;
    assert.deepEqual(await notifier.notify(request, change), [
      { channel: 'sms', userId: ALICE, outcome: 'opted-out' },
    ]);
    await sms.adapter.continueConversation(
      {
        channelId: 'sms',
        conversation: { id: ALICE, isGroup: false, conversationType: '', name: '' },
        user: { id: ALICE, name: '' },
        bot: { id: TEST_BOT_NUMBER, name: '' },
      },
      async (context) => {
        await context.sendActivity('the adapter itself refuses too');
      },
    );
    assert.equal(fake.to(ALICE).length, 1);

    await text(ALICE, 'START');
    await fake.waitForCount(2);
    assert.match(fake.to(ALICE)[1]!.body, /Welcome back/);
    assert.deepEqual(await notifier.notify(request, change), [
      { channel: 'sms', userId: ALICE, outcome: 'sent' },
    ]);
    assert.equal(
      fake.to(ALICE)[2]!.body,
      'Update on request #12345678 (Pothole): In progress. Expected by Wed, Nov 25.',
    );
  });

  it('choosing "Cancel" by its number is an answer, not an opt-out', async () => {
    await text(BOB, 'exit menu');
    await text(BOB, '2');
    await sms.adapter.idle();
    assert.deepEqual(
      bot.seen.map((s) => s.text),
      ['exit menu', 'Cancel'],
    );
    assert.equal(await optOuts.isOptedOut('sms', BOB), false);
    assert.equal(fake.to(BOB).length, 2);
  });

  it('treats a lone CANCEL as an SMS opt-out, like Twilio does', async () => {
    await text(BOB, 'cancel');
    await text(BOB, 'hello?');
    await sms.adapter.idle();
    assert.equal(fake.to(BOB).length, 0);
    assert.equal(await optOuts.isOptedOut('sms', BOB), true);
    await text(BOB, 'unstop');
    await fake.waitForCount(1);
  });

  it('retries a send Twilio rate-limits (429) and delivers it', async () => {
    fake.rateLimitNext = 2;
    await text(ALICE, 'busy day');
    await fake.waitForCount(1, 10_000);
    assert.equal(fake.sent[0]!.body, 'echo: busy day');
    assert.equal(fake.rateLimitNext, 0);
  });

  it('records an opt-out Twilio reports (error 21610) and stops sending', async () => {
    const carol = '+12155550133';
    fake.unsubscribed.add(carol);
    await text(carol, 'hello');
    await sms.adapter.idle();
    assert.equal(await optOuts.isOptedOut('sms', carol), true);
    assert.equal(fake.sent.length, 0);
  });

  it('logs no phone number and no message text, even at debug level', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
    const optOutsHere = createMemoryOptOutStore();
    const channel = createSmsChannel({
      twilio: testTwilioConfig(fake.url),
      publicUrl: PUBLIC_URL,
      bot,
      queue: new TurnQueue(),
      logger,
      optOuts: optOutsHere,
      inbox: memoryInboxWorker(),
    });
    channel.adapter.use(
      keywordsMiddleware({ optOuts: optOutsHere, logger, texts: defaultKeywordTexts('Philadelphia') }),
    );
    const app = express().use(channel.router);
    const local = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => local.once('listening', resolve));
    const url = `http://127.0.0.1:${(local.address() as AddressInfo).port}/sms`;
    try {
      const secret = 'my secret pothole story';
      await postTwilioWebhook(url, smsParams({ from: ALICE, body: secret }), { signedUrl: SIGNED_URL });
      await postTwilioWebhook(url, smsParams({ from: ALICE, body: 'x' }), {
        signedUrl: SIGNED_URL,
        signature: 'bad',
      });
      await postTwilioWebhook(url, smsParams({ from: ALICE, body: 'STOP' }), { signedUrl: SIGNED_URL });
      await channel.adapter.continueConversation(
        {
          channelId: 'sms',
          conversation: { id: ALICE, isGroup: false, conversationType: '', name: '' },
          user: { id: ALICE, name: '' },
        },
        async (context) => {
          await context.sendActivity('refused');
        },
      );
      await channel.adapter.idle();
    } finally {
      local.closeAllConnections();
      await new Promise((resolve) => local.close(resolve));
    }
    assert.ok(lines.length >= 4, `expected log lines, got ${lines.length}`);
    const all = lines.join('\n');
    assert.doesNotMatch(all, /2155550111/);
    assert.doesNotMatch(all, /secret pothole/);
  });
});
