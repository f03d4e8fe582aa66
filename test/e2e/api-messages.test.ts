import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
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
import { listenLoopback, readBody, waitUntil } from '../helpers/loopback-server.js';

/** The real bot behind botbuilder's CloudAdapter on loopback HTTP, as `npm start` mounts it. */
async function startServer(runtime: Runtime, credentials: BotFrameworkCredentials = {}) {
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
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${BOT_FRAMEWORK_PATH}`,
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
