/**
 * Web chat on several instances behind a load balancer: two Direct Line
 * endpoints (two express apps on loopback), each with its own PostgreSQL
 * store over one schema and the same DIRECTLINE_SECRET. Whichever instance a
 * request lands on, the resident's conversation is the same one, and what
 * the bot says reaches the WebSocket the page holds open, wherever it is.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Activity, ActivityHandler, TurnContext } from 'botbuilder';
import express from 'express';
import { WebSocket } from 'ws';
import { silentLogger } from '../../bot/logger.js';
import { createDirectLine, type DirectLine, type DirectLineStore } from '../../channels/directline/index.js';
import { createPostgresDirectLineStore } from '../../storage/postgres/directline-store.js';
import { usePostgres } from '../helpers/postgres.js';

const SECRET = 'directline-secret-shared-by-instances-0123';

/** Greets a new conversation and answers each message (the real bot is not needed to move messages). */
function echoBot(): ActivityHandler {
  const bot = new ActivityHandler();
  bot.onMembersAdded(async (context, next) => {
    const user = (context.activity.membersAdded ?? []).find((m) => m.id !== context.activity.recipient.id);
    if (user) await context.sendActivity('Welcome to 311.');
    await next();
  });
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
    await next();
  });
  return bot;
}

interface Instance {
  readonly name: string;
  readonly base: string;
  readonly dl: DirectLine;
  readonly store: DirectLineStore;
  close(): Promise<void>;
}

async function startInstance(name: string, store: DirectLineStore): Promise<Instance> {
  const bot = echoBot();
  const dl = createDirectLine({
    logic: (context) => bot.run(context),
    clock: () => new Date(),
    logger: silentLogger,
    dataDir: `/tmp/dl-instances-${process.pid}-${name}`,
    tokenSecret: SECRET,
    store,
  });
  const app = express();
  app.use('/directline', dl.router);
  const server = createServer(app);
  const detach = dl.attachWebSocket(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    name,
    base: `http://127.0.0.1:${port}/directline`,
    dl,
    store,
    close: async () => {
      detach();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    },
  };
}

async function call(
  instance: Instance,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${instance.base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const texts = (activities: unknown) =>
  (activities as Activity[]).map((a) => `${a.from.role ?? a.from.id}: ${a.text}`);

/** A WebSocket stream and the frames it received. */
async function stream(url: string) {
  const ws = new WebSocket(url);
  const frames: { activities: Activity[]; watermark: string }[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(String(data))));
  await once(ws, 'open');
  const seen = () => frames.flatMap((f) => texts(f.activities));
  return {
    ws,
    frames,
    async until(count: number, ms = 3_000): Promise<string[]> {
      const deadline = Date.now() + ms;
      while (seen().length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      return seen();
    },
  };
}

describe('Direct Line on two instances sharing PostgreSQL', function () {
  this.timeout(20_000);
  const pg = usePostgres();
  let a: Instance;
  let b: Instance;

  beforeEach(async () => {
    a = await startInstance('A', await createPostgresDirectLineStore({ db: await pg.open() }));
    b = await startInstance('B', await createPostgresDirectLineStore({ db: await pg.open() }));
  });
  afterEach(async () => {
    await a?.close();
    await b?.close();
  });

  /** A conversation started on A, as Web Chat starts it: a token, then POST /conversations. */
  async function startOnA() {
    const generated = await call(a, 'POST', '/tokens/generate');
    const started = await call(a, 'POST', '/conversations', String(generated.json.token));
    assert.equal(started.status, 201);
    return {
      id: String(started.json.conversationId),
      token: String(started.json.token),
      streamUrl: String(started.json.streamUrl),
    };
  }

  it('a message posted through B gets its reply on the WebSocket open on A, and in A’s activities', async () => {
    const c = await startOnA();
    assert.ok(c.streamUrl.startsWith(a.base.replace(/^http/, 'ws')), 'the stream is on A');
    const onA = await stream(c.streamUrl);
    assert.deepEqual(await onA.until(1), ['bot: Welcome to 311.']);

    const posted = await call(b, 'POST', `/conversations/${c.id}/activities`, c.token, {
      type: 'message',
      text: 'pothole on Spruce',
    });
    assert.equal(posted.status, 200, 'B accepts the token A issued and knows the conversation');
    assert.equal(posted.json.id, `${c.id}|0000001`);

    assert.deepEqual(await onA.until(3), [
      'bot: Welcome to 311.',
      'user: pothole on Spruce',
      'bot: You said: pothole on Spruce',
    ]);
    assert.deepEqual(
      onA.frames.map((f) => f.watermark),
      ['1', '2', '3'],
    );
    const page = await call(a, 'GET', `/conversations/${c.id}/activities?watermark=1`, c.token);
    assert.deepEqual(texts(page.json.activities), [
      'user: pothole on Spruce',
      'bot: You said: pothole on Spruce',
    ]);
    assert.equal(page.json.watermark, '3');
    const onB = await call(b, 'GET', `/conversations/${c.id}/activities`, c.token);
    assert.deepEqual(onB.json, (await call(a, 'GET', `/conversations/${c.id}/activities`, c.token)).json);
    onA.ws.close();
  });

  it('tokens hold across instances: refreshed on B, resumed on B with A’s watermark', async () => {
    const c = await startOnA();
    await call(a, 'POST', `/conversations/${c.id}/activities`, c.token, { type: 'message', text: 'hello' });
    const refreshed = await call(b, 'POST', '/tokens/refresh', c.token);
    assert.equal(refreshed.status, 200);
    assert.equal(refreshed.json.conversationId, c.id);
    const token = String(refreshed.json.token);
    const resumed = await call(b, 'GET', `/conversations/${c.id}?watermark=2`, token);
    assert.equal(resumed.status, 200);
    const onB = await stream(String(resumed.json.streamUrl));
    assert.deepEqual(await onB.until(1), ['bot: You said: hello'], 'only what came after the watermark');
    await call(a, 'POST', `/conversations/${c.id}/activities`, token, { type: 'message', text: 'again' });
    assert.deepEqual(await onB.until(3), ['bot: You said: hello', 'user: again', 'bot: You said: again']);
    onB.ws.close();
  });

  it('a status notice sent by B reaches the resident’s open socket on A', async () => {
    const c = await startOnA();
    const onA = await stream(c.streamUrl);
    await onA.until(1);
    await call(a, 'POST', `/conversations/${c.id}/activities`, c.token, { type: 'message', text: 'report' });
    await onA.until(3);
    const page = await call(a, 'GET', `/conversations/${c.id}/activities`, c.token);
    const reference = TurnContext.getConversationReference(
      (page.json.activities as Activity[])[2] as Activity,
    );
    await b.dl.adapter.continueConversation(reference, async (context) => {
      await context.sendActivity('Update on request #12345678: In progress.');
    });
    assert.deepEqual((await onA.until(4)).at(-1), 'bot: Update on request #12345678: In progress.');
    onA.ws.close();
  });
});
