import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { ClaimsIdentity } from 'botframework-connector';
import sinon from 'sinon';
import { createApp } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { readExplain } from '../../bot/explain.js';
import { silentLogger } from '../../bot/logger.js';
import { usePipeline } from '../../bot/pipeline.js';
import { createRuntime, type Runtime } from '../../bot/runtime.js';
import { TurnQueue } from '../../bot/turn-queue.js';
import {
  BOT_FRAMEWORK_PATH,
  type BotFrameworkCredentials,
  botFrameworkRouter,
  createCloudAdapter,
} from '../../channels/bot-framework/index.js';
import { type FakeTwilio, startFakeTwilio } from '../helpers/fake-twilio.js';
import { listenLoopback, readBody, waitUntil } from '../helpers/loopback-server.js';
import { type MainServer, startMain } from '../helpers/main-server.js';
import { postTwilioWebhook, smsParams, testTwilioEnv } from '../helpers/twilio-webhook.js';

/** The real bot behind botbuilder's CloudAdapter on loopback HTTP, as `npm start` mounts it. */
async function startServer(runtime: Runtime, credentials: BotFrameworkCredentials = {}, host = '127.0.0.1') {
  const adapter = usePipeline(createCloudAdapter(credentials), {
    bot: runtime.bot,
    emergency: runtime.emergency,
    logger: silentLogger,
  });
  const router = botFrameworkRouter({
    adapter,
    bot: runtime.bot,
    queue: new TurnQueue(),
    logger: silentLogger,
    authenticated: credentials.appId !== undefined,
  });
  const app = createApp({
    articles: runtime.articles,
    logger: silentLogger,
    mounts: [{ path: BOT_FRAMEWORK_PATH, handler: router }],
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, host, () => resolve(s));
  });
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}${BOT_FRAMEWORK_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let seq = 0;
function activity(text: string, conversation: string, extra: Partial<Activity> = {}): Partial<Activity> {
  seq += 1;
  return {
    type: 'message',
    id: `act-${seq}`,
    text,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    from: { id: 'resident-1', name: 'Resident' },
    recipient: { id: 'bot', name: 'Bot' },
    conversation: { id: conversation },
    ...extra,
  } as Partial<Activity>;
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function expectReplies(url: string, text: string, conversation: string): Promise<Partial<Activity>[]> {
  const res = await post(url, activity(text, conversation, { deliveryMode: 'expectReplies' }));
  assert.equal(res.status, 200);
  return ((await res.json()) as { activities: Partial<Activity>[] }).activities;
}

describe('POST /api/messages (Bot Framework, no credentials)', () => {
  let runtime: Runtime;
  let server: Awaited<ReturnType<typeof startServer>>;

  before(async () => {
    runtime = await createRuntime({ config: loadConfig({}), logger: silentLogger, inMemory: true });
    server = await startServer(runtime);
  });
  after(async () => {
    await server.close();
    await runtime.close();
  });

  it('answers a question in the HTTP response with deliveryMode expectReplies', async () => {
    const [answer, ...rest] = await expectReplies(server.url, 'how do I get a free smoke alarm', 'c-smoke');
    assert.equal(rest.length, 0);
    assert.match(answer?.text ?? '', /smoke alarm/i);
    assert.match(answer?.text ?? '', /Want me to report it\?$/);
    assert.deepEqual(
      answer?.suggestedActions?.actions.map((a) => a.title),
      ['Yes', 'No'],
    );
    assert.equal(readExplain(answer ?? {})?.topic, 'smoke-alarm');
    assert.equal(answer?.replyToId, `act-${seq}`);
  });

  it('keeps the conversation between requests: "no" after the offer is understood', async () => {
    await expectReplies(server.url, 'how do I get a free smoke alarm', 'c-keep');
    const [reply] = await expectReplies(server.url, 'no', 'c-keep');
    assert.match(reply?.text ?? '', /won't report it/);
  });

  it('sends the 911 reply, and only that, to an emergency', async () => {
    const replies = await expectReplies(server.url, 'my neighbors house is on fire', 'c-fire');
    assert.equal(replies.length, 1);
    assert.match(replies[0]?.text ?? '', /911/);
    assert.equal(readExplain(replies[0] ?? {})?.outcome, 'emergency');
  });

  it("replies to the activity's serviceUrl like the Emulator expects", async () => {
    const received: { path: string; body: Partial<Activity> }[] = [];
    const connector = await listenLoopback(async (req, res) => {
      received.push({ path: req.url ?? '', body: JSON.parse(await readBody(req)) as Partial<Activity> });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: `reply-${received.length}` }));
    });
    try {
      const sent = activity('hello', 'c-emulator', { serviceUrl: connector.url });
      const res = await post(server.url, sent);
      assert.ok(res.status >= 200 && res.status < 300, `status ${res.status}`);
      await waitUntil(() => received.length === 1, 'the reply on the connector');
      assert.equal(received[0]?.path, `/v3/conversations/c-emulator/activities/${sent.id}`);
      assert.match(received[0]?.body.text ?? '', /311 assistant/);
      // Emulator mode is for developers: the why-this-answer record comes along.
      assert.ok(readExplain(received[0]?.body ?? {}), 'channelData.explain on the Emulator reply');
    } finally {
      await connector.close();
    }
  });

  it('welcomes a resident who joins (the Emulator opens with conversationUpdate)', async () => {
    const joined = activity('', 'c-welcome', {
      type: 'conversationUpdate',
      deliveryMode: 'expectReplies',
      membersAdded: [
        { id: 'bot', name: 'Bot' },
        { id: 'resident-1', name: 'Resident' },
      ],
    });
    const res = await post(server.url, joined);
    assert.equal(res.status, 200);
    const { activities } = (await res.json()) as { activities: Partial<Activity>[] };
    assert.equal(activities.length, 1);
    assert.match(activities[0]?.text ?? '', /311 assistant/);
    assert.deepEqual(
      activities[0]?.suggestedActions?.actions.map((a) => a.title),
      ['Report a problem', 'Check a request', 'Trash day', 'Contact 311'],
    );
  });

  it('refuses a body that is not JSON with 400 and keeps serving', async () => {
    const res = await post(server.url, '{"type": "message", ');
    assert.equal(res.status, 400);
    const [reply] = await expectReplies(server.url, 'hi', 'c-after-bad');
    assert.match(reply?.text ?? '', /311 assistant/);
  });

  it('refuses an activity without a type with 400', async () => {
    const res = await post(server.url, { text: 'hello', conversation: { id: 'c-x' } });
    assert.equal(res.status, 400);
  });
});

describe('POST /api/messages with Azure Bot Service credentials', () => {
  it('refuses an unauthenticated activity with 401', async () => {
    const runtime = await createRuntime({ config: loadConfig({}), logger: silentLogger, inMemory: true });
    const server = await startServer(runtime, {
      appId: '00000000-0000-0000-0000-000000000001',
      appPassword: 'secret',
    });
    try {
      const res = await post(server.url, activity('hello', 'c-auth', { deliveryMode: 'expectReplies' }));
      assert.equal(res.status, 401);
      // botbuilder itself prints a rejected token to the console; keep the test output clean.
      const quiet = sinon.stub(console, 'error');
      try {
        const forged = await post(server.url, activity('hello', 'c-auth'), {
          authorization: 'Bearer not-a-real-token',
        });
        assert.equal(forged.status, 401);
      } finally {
        quiet.restore();
      }
    } finally {
      await server.close();
      await runtime.close();
    }
  });
});

/** A local address that is not loopback (e.g. the machine's LAN address), if this machine has one. */
function nonLoopbackAddress(): string | undefined {
  for (const infos of Object.values(networkInterfaces())) {
    for (const info of infos ?? []) if (info.family === 'IPv4' && !info.internal) return info.address;
  }
  return undefined;
}

describe('POST /api/messages without MICROSOFT_APP_ID is confined to loopback', () => {
  let runtime: Runtime;
  before(async () => {
    runtime = await createRuntime({ config: loadConfig({}), logger: silentLogger, inMemory: true });
  });
  after(async () => {
    await runtime.close();
  });

  it('refuses a non-loopback serviceUrl with 401 and sends it nothing', async function () {
    const lan = nonLoopbackAddress();
    if (!lan) this.skip(); // no non-loopback address here to run a reachable "remote" connector on
    const received: string[] = [];
    const connector = createServer((req, res) => {
      received.push(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      res.end('{"id":"x"}');
    });
    await new Promise<void>((resolve) => connector.listen(0, lan, resolve));
    const serviceUrl = `http://${lan}:${(connector.address() as AddressInfo).port}`;
    const server = await startServer(runtime);
    try {
      const forged = await post(server.url, activity('hello', 'c-remote-connector', { serviceUrl }));
      assert.equal(forged.status, 401);
      const replies = await post(
        server.url,
        activity('hello', 'c-remote-connector', { serviceUrl, deliveryMode: 'expectReplies' }),
      );
      assert.equal(replies.status, 401);
      const other = await post(
        server.url,
        activity('hello', 'c-remote-connector', { serviceUrl: 'https://attacker.example/' }),
      );
      assert.equal(other.status, 401);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(received, [], 'nothing reached the named serviceUrl');
    } finally {
      await server.close();
      connector.closeAllConnections();
      await new Promise((resolve) => connector.close(resolve));
    }
  });

  it('refuses a client that is not on loopback with 401 (socket address, not X-Forwarded-For)', async function () {
    const lan = nonLoopbackAddress();
    if (!lan) this.skip(); // no non-loopback address on this machine to call from
    const server = await startServer(runtime, {}, lan);
    try {
      const res = await post(
        server.url,
        activity('hi', 'c-remote-client', { deliveryMode: 'expectReplies' }),
        {
          'x-forwarded-for': '127.0.0.1',
        },
      );
      assert.equal(res.status, 401);
    } finally {
      await server.close();
    }
  });
});

describe("POST /api/messages never acts as another channel's resident (main, signed SMS)", function () {
  this.timeout(60_000);
  const PUBLIC_URL = 'https://311.example.org';
  const STAFF_TOKEN = 'api-messages-staff-token';
  const PHONE = '+12155550123';
  let dataDir: string;
  let twilio: FakeTwilio;
  let server: MainServer;
  let base: string;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'api-messages-'));
    twilio = await startFakeTwilio();
    server = await startMain({ DATA_DIR: dataDir, STAFF_TOKEN, PUBLIC_URL, ...testTwilioEnv(twilio.url) });
    base = server.base;
    await linkTheLiaison();
  });

  after(async () => {
    assert.equal(await server.stop(), 0);
    await twilio.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('says at start-up that Emulator mode takes loopback only', () => {
    const status = server.lines.find((line) => line.includes('channel bot-framework'));
    assert.match(status ?? '', /loopback clients and loopback serviceUrls only/);
  });

  async function staff(method: string, path: string, body?: unknown) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${STAFF_TOKEN}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await res.json()) as Record<string, unknown>;
  }

  /** Texts the bot from PHONE through the real, signed Twilio webhook; resolves with the replies. */
  async function text(body: string, expect: RegExp): Promise<string> {
    const before = twilio.to(PHONE).length;
    const res = await postTwilioWebhook(`${base}/sms`, smsParams({ from: PHONE, body }), {
      signedUrl: `${PUBLIC_URL}/sms`,
    });
    assert.equal(res.status, 200, res.body);
    const fresh = () =>
      twilio
        .to(PHONE)
        .slice(before)
        .map((m) => m.body)
        .join('\n');
    await waitUntil(() => expect.test(fresh()), `an SMS reply to "${body}" matching ${expect}`);
    return fresh();
  }

  /** The same phone number, claimed by an activity on /api/messages that says it is SMS. */
  async function forged(textSaid: string): Promise<string> {
    const res = await post(
      `${base}${BOT_FRAMEWORK_PATH}`,
      activity(textSaid, PHONE, {
        channelId: 'sms',
        from: { id: PHONE, name: PHONE },
        deliveryMode: 'expectReplies',
      }),
    );
    assert.equal(res.status, 200);
    const { activities } = (await res.json()) as { activities: Partial<Activity>[] };
    return activities.map((a) => a.text ?? '').join('\n');
  }

  let requestId: string;

  /** A liaison account with one request, linked to PHONE by a real signed SMS. */
  async function linkTheLiaison(): Promise<void> {
    const created = await staff('POST', '/api/liaisons', {
      name: 'Dana Reyes',
      neighborhood: 'Kensington',
      organisation: 'Kensington Civic',
    });
    await text(`LIAISON ${String(created.linkCode)}`, /Linked!/);
    const imported = await staff('POST', `/api/liaisons/${String(created.id)}/import`, {
      csv: 'service_code,address,size\npothole,1500 Wharton St,large\n',
    });
    requestId = (imported.filed as { id: string }[])[0]!.id;
  }

  it('cannot list the linked liaison\'s requests with "my requests"', async () => {
    const reply = await forged('my requests');
    assert.doesNotMatch(reply, new RegExp(requestId));
    assert.doesNotMatch(reply, /Kensington/);
    assert.match(await text('my requests', new RegExp(requestId)), /Kensington liaison requests/);
  });

  it("cannot add a follow-up note in the liaison's name", async () => {
    const reply = await forged(`follow up ${requestId} forged note`);
    assert.doesNotMatch(reply, /Noted on request/);
    const open311 = (await (await fetch(`${base}/open311/v2/requests/${requestId}.json`)).json()) as {
      status_notes: string | null;
    }[];
    assert.notEqual(open311[0]?.status_notes, 'forged note');
  });

  it('cannot opt the real phone number out with STOP; the phone still gets replies', async () => {
    await forged('STOP');
    const reply = await text('how do i start a business', /Commercial Activity License/);
    assert.match(reply, /Commercial Activity License/);
  });

  it('stores its conversation under the Bot Framework, never under the SMS channel', async () => {
    await forged('hello');
    const stored = JSON.parse(await readFile(join(dataDir, 'conversations.json'), 'utf8')) as {
      conversations: Record<string, { reference: { channelId: string } }>;
    };
    const channels = Object.values(stored.conversations).map((c) => c.reference.channelId);
    assert.ok(channels.includes('bot-framework:sms'), JSON.stringify(channels));
    const sms = stored.conversations[`sms:${PHONE}`]?.reference as { serviceUrl?: string } | undefined;
    assert.notEqual(sms?.serviceUrl, 'http://127.0.0.1:9', 'the SMS reference is the real one');
  });
});

describe('channelData.explain and Azure Bot Service', () => {
  const APP_ID = '00000000-0000-0000-0000-000000000001';

  /**
   * A turn on an authenticated adapter as if Azure's token had been checked
   * (CloudAdapter.processActivityDirect with the result of that check; the
   * check itself needs Microsoft's servers). Replies go to a loopback connector.
   */
  async function azureTurn(deliveryMode?: 'expectReplies') {
    const runtime = await createRuntime({ config: loadConfig({}), logger: silentLogger, inMemory: true });
    const adapter = usePipeline(createCloudAdapter({ appId: APP_ID, appPassword: 'secret' }), {
      bot: runtime.bot,
      emergency: runtime.emergency,
      logger: silentLogger,
    });
    const received: Partial<Activity>[] = [];
    const connector = await listenLoopback(async (req, res) => {
      received.push(JSON.parse(await readBody(req)) as Partial<Activity>);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: `reply-${received.length}` }));
    });
    const claimsIdentity = new ClaimsIdentity([{ type: 'aud', value: APP_ID }], true);
    // Outgoing calls without a token: the loopback connector stands in for Azure's.
    const connectorFactory = new ConfigurationBotFrameworkAuthentication({}).createConnectorFactory(
      claimsIdentity,
    );
    let buffered: Partial<Activity>[] = [];
    try {
      await adapter.processActivityDirect(
        {
          claimsIdentity,
          audience: 'https://api.botframework.com',
          callerId: 'urn:botframework:azure',
          connectorFactory,
        },
        activity('how do I get a free smoke alarm', 'c-azure', {
          channelId: 'msteams',
          serviceUrl: connector.url,
          ...(deliveryMode ? { deliveryMode } : {}),
        }) as Activity,
        async (context) => {
          buffered = context.bufferedReplyActivities;
          await runtime.bot.run(context);
        },
      );
    } finally {
      await connector.close();
      await runtime.close();
    }
    return deliveryMode ? buffered : received;
  }

  it('is never sent to an Azure channel', async () => {
    const sent = await azureTurn();
    assert.match(sent[0]?.text ?? '', /smoke alarm/i);
    assert.deepEqual(
      sent.filter((a) => readExplain(a)).map((a) => a.text),
      [],
      'no activity sent to Azure carries channelData.explain',
    );
  });

  it('is not in the replies returned for deliveryMode expectReplies either', async () => {
    const replies = await azureTurn('expectReplies');
    assert.match(replies[0]?.text ?? '', /smoke alarm/i);
    assert.deepEqual(
      replies.filter((a) => readExplain(a)).map((a) => a.text),
      [],
      'no reply returned to Azure carries channelData.explain',
    );
  });
});
