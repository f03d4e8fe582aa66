import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { type Activity, ActivityHandler, TurnContext } from 'botbuilder';
import express from 'express';
import { WebSocket } from 'ws';
import { silentLogger } from '../../bot/logger.js';
import {
  ConversationLog,
  createDirectLine,
  type DirectLine,
  DirectLineError,
  type DirectLineErrorCode,
} from '../../channels/directline/index.js';

/** A tiny bot: greets new conversations, echoes messages with an explanation attached. */
function echoBot(): ActivityHandler {
  const bot = new ActivityHandler();
  bot.onMembersAdded(async (context, next) => {
    const user = (context.activity.membersAdded ?? []).find((m) => m.id !== context.activity.recipient.id);
    if (user) await context.sendActivity('Welcome to 311.');
    await next();
  });
  bot.onMessage(async (context, next) => {
    const photos = (context.activity.attachments ?? []).map((a) => a.contentUrl).join(' ');
    const geo = context.activity.entities?.find((e) => e.type === 'GeoCoordinates');
    const said = geo ? `at ${geo.latitude},${geo.longitude}` : (context.activity.text ?? '');
    await context.sendActivity({
      type: 'message',
      text: `You said: ${said}${photos ? ` with ${photos}` : ''}`,
      channelData: { explain: { outcome: 'answer', topic: 'pothole', score: 0.9, alternatives: [] } },
    });
    await next();
  });
  return bot;
}

interface Harness {
  readonly base: string;
  readonly dl: DirectLine;
  /** The in-memory store, to see its bounds. */
  readonly log: ConversationLog;
  readonly server: Server;
  now: Date;
  close(): Promise<void>;
}

async function start(
  options: { lifetime?: number; maxActivities?: number; idleMs?: number; maxBytes?: number } = {},
): Promise<Harness> {
  const bot = echoBot();
  const harness = { now: new Date('2026-03-02T15:00:00Z') } as Harness & { now: Date };
  const clock = () => harness.now;
  const log = new ConversationLog({
    clock,
    maxActivities: options.maxActivities,
    idleMs: options.idleMs,
    maxBytes: options.maxBytes,
  });
  const dl = createDirectLine({
    logic: (context) => bot.run(context),
    clock,
    logger: silentLogger,
    dataDir: `/tmp/dl-test-${process.pid}`,
    tokenSecret: 'a-test-secret-of-enough-length',
    tokenLifetimeSeconds: options.lifetime,
    store: log,
  });
  const app = express();
  app.use('/directline', dl.router);
  const server = createServer(app);
  const detach = dl.attachWebSocket(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return Object.assign(harness, {
    base: `http://127.0.0.1:${port}/directline`,
    dl,
    log,
    server,
    close: async () => {
      detach();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  });
}

async function call(
  h: Harness,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${h.base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function startConversation(h: Harness) {
  const generated = await call(h, 'POST', '/tokens/generate');
  const started = await call(h, 'POST', '/conversations', String(generated.json.token));
  return {
    id: String(started.json.conversationId),
    token: String(started.json.token),
    streamUrl: String(started.json.streamUrl),
    status: started.status,
  };
}

/** The JSON error body our endpoint answers with for `code`. */
function expectedError(code: DirectLineErrorCode) {
  return new DirectLineError(code).toBody();
}

function texts(activities: unknown): string[] {
  return (activities as Activity[]).map((a) => `${a.from.role ?? a.from.id}: ${a.text}`);
}

describe('Direct Line endpoint (HTTP)', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('starts a conversation with a welcome and answers a message with the user echo first', async () => {
    h = await start();
    const c = await startConversation(h);
    assert.equal(c.status, 201);
    assert.match(c.streamUrl, /^ws:\/\/127\.0\.0\.1:\d+\/directline\/conversations\/.+\/stream\?/);
    const first = await call(h, 'GET', `/conversations/${c.id}/activities`, c.token);
    assert.deepEqual(texts(first.json.activities), ['bot: Welcome to 311.']);
    assert.equal(first.json.watermark, '1');

    const posted = await call(h, 'POST', `/conversations/${c.id}/activities`, c.token, {
      type: 'message',
      text: 'pothole on Spruce',
      from: { id: 'someone-else' },
      channelData: { clientActivityID: 'abc-1' },
    });
    assert.equal(posted.status, 200);
    assert.match(String(posted.json.id), /\|0000001$/);
    const next = await call(h, 'GET', `/conversations/${c.id}/activities?watermark=1`, c.token);
    const [echo, reply] = next.json.activities as Activity[];
    assert.deepEqual(texts(next.json.activities), [
      'user: pothole on Spruce',
      'bot: You said: pothole on Spruce',
    ]);
    assert.equal(next.json.watermark, '3');
    assert.equal(echo?.channelData.clientActivityID, 'abc-1');
    assert.match(echo?.from.id ?? '', /^w_/, 'the user id comes from the token, not the client');
    assert.equal(reply?.channelData, undefined, 'no user channelData and no explanation on a resident reply');
    assert.equal(reply?.replyToId, echo?.id);
  });

  it('renders bot text for Web Chat: HTML inert (a quoted message stays text), single line breaks kept', async () => {
    h = await start();
    const c = await startConversation(h);
    await call(h, 'POST', `/conversations/${c.id}/activities`, c.token, {
      type: 'message',
      text: '<img src=x onerror=alert(1)> **hi**\nline two\n\nnew paragraph',
    });
    const page = await call(h, 'GET', `/conversations/${c.id}/activities?watermark=1`, c.token);
    assert.deepEqual(texts(page.json.activities), [
      'user: <img src=x onerror=alert(1)> **hi**\nline two\n\nnew paragraph',
      'bot: You said: &lt;img src=x onerror=alert(1)> **hi**  \nline two\n\nnew paragraph',
    ]);
  });

  it('refuses a conversation id read with another conversation’s token (403)', async () => {
    h = await start();
    const a = await startConversation(h);
    const b = await startConversation(h);
    const res = await call(h, 'GET', `/conversations/${a.id}/activities`, b.token);
    assert.equal(res.status, 403);
    assert.equal((res.json.error as { code: string }).code, 'CONVERSATION_FORBIDDEN');
    const post = await call(h, 'POST', `/conversations/${a.id}/activities`, b.token, {
      type: 'message',
      text: 'x',
    });
    assert.equal(post.status, 403);
    assert.equal((await call(h, 'GET', `/conversations/${a.id}/activities`)).status, 403);
  });

  it('expires tokens, and a refreshed token keeps the conversation going', async () => {
    h = await start({ lifetime: 600 });
    const c = await startConversation(h);
    h.now = new Date(h.now.getTime() + 500_000);
    const refreshed = await call(h, 'POST', '/tokens/refresh', c.token);
    assert.equal(refreshed.status, 200);
    assert.equal(refreshed.json.conversationId, c.id);
    h.now = new Date(h.now.getTime() + 200_000);
    const old = await call(h, 'GET', `/conversations/${c.id}/activities`, c.token);
    assert.equal(old.status, 403);
    assert.equal((old.json.error as { code: string }).code, 'TOKEN_EXPIRED');
    assert.equal(
      (await call(h, 'POST', '/tokens/refresh', c.token)).status,
      403,
      'an expired token cannot refresh',
    );
    const fresh = await call(h, 'GET', `/conversations/${c.id}/activities`, String(refreshed.json.token));
    assert.equal(fresh.status, 200);
    const forged = `${c.token.split('.')[0]}.${'A'.repeat(43)}`;
    assert.equal((await call(h, 'GET', `/conversations/${c.id}/activities`, forged)).status, 403);
  });

  it('reconnecting with ?watermark=N gives a stream URL that resumes after N (no watermark: from the start)', async () => {
    h = await start();
    const c = await startConversation(h);
    await call(h, 'POST', `/conversations/${c.id}/activities`, c.token, { type: 'message', text: 'hi' });
    const streamWatermark = async (query: string) => {
      const res = await call(h, 'GET', `/conversations/${c.id}${query}`, c.token);
      assert.equal(res.status, 200);
      assert.equal(res.json.conversationId, c.id);
      return new URL(String(res.json.streamUrl)).searchParams.get('watermark');
    };
    assert.equal(await streamWatermark('?watermark=2'), '2');
    assert.equal(await streamWatermark('?watermark=0'), '0');
    assert.equal(await streamWatermark(''), '-');
    assert.equal(await streamWatermark('?watermark='), '-', 'Web Chat sends an empty watermark at first');
    assert.equal(await streamWatermark('?watermark=x%26t%3Dforged'), '-', 'nothing but a count gets in');
  });

  it('refuses a body with an unknown or corrupt Content-Encoding with a 4xx JSON error, not a 500', async () => {
    h = await start();
    const c = await startConversation(h);
    const post = async (encoding: string, body: Uint8Array, path = 'activities') => {
      const res = await fetch(`${h.base}/conversations/${c.id}/${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${c.token}`,
          'content-type': path === 'upload' ? 'multipart/form-data; boundary=x' : 'application/json',
          'content-encoding': encoding,
        },
        body: new Uint8Array(body),
      });
      return { status: res.status, json: (await res.json()) as { error?: { code: string } } };
    };
    const activity = Buffer.from(JSON.stringify({ type: 'message', text: 'hi' }));
    const garbage = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02]);
    assert.deepEqual(await post('br2', activity), {
      status: 415,
      json: expectedError('UNSUPPORTED_ENCODING'),
    });
    assert.deepEqual(await post('gzip', garbage), { status: 400, json: expectedError('BAD_BODY') });
    assert.deepEqual(await post('deflate', garbage), { status: 400, json: expectedError('BAD_BODY') });
    assert.equal((await post('br2', activity, 'upload')).status, 415);
    assert.equal((await post('gzip', garbage, 'upload')).status, 400);
    assert.equal((await post('gzip', gzipSync(activity))).status, 200, 'a real gzip body is read');
    const page = await call(h, 'GET', `/conversations/${c.id}/activities`, c.token);
    assert.deepEqual(texts(page.json.activities), ['bot: Welcome to 311.', 'user: hi', 'bot: You said: hi']);
  });

  it('answers bad input with 4xx: bad JSON, wrong type, too long, too large', async () => {
    h = await start();
    const c = await startConversation(h);
    const path = `/conversations/${c.id}/activities`;
    assert.equal((await call(h, 'POST', path, c.token, '{"type": "message", ')).status, 400);
    assert.equal((await call(h, 'POST', path, c.token, { type: 'deleteUserData' })).status, 400);
    assert.equal(
      (await call(h, 'POST', path, c.token, { type: 'message', text: 'x'.repeat(4001) })).status,
      400,
    );
    assert.equal(
      (await call(h, 'POST', path, c.token, { type: 'message', text: 'x'.repeat(70_000) })).status,
      413,
    );
    const after = await call(h, 'GET', path, c.token);
    assert.equal((after.json.activities as unknown[]).length, 1, 'nothing half-stored');
  });

  it('keeps at most the configured number of activities and drops idle conversations', async () => {
    h = await start({ maxActivities: 4, idleMs: 60_000 });
    const c = await startConversation(h);
    for (const text of ['one', 'two', 'three']) {
      await call(h, 'POST', `/conversations/${c.id}/activities`, c.token, { type: 'message', text });
    }
    const all = await call(h, 'GET', `/conversations/${c.id}/activities`, c.token);
    assert.deepEqual(texts(all.json.activities), [
      'user: two',
      'bot: You said: two',
      'user: three',
      'bot: You said: three',
    ]);
    assert.equal(all.json.watermark, '7');
    h.now = new Date(h.now.getTime() + 61_000);
    const gone = await call(h, 'GET', `/conversations/${c.id}/activities`, c.token);
    assert.equal(gone.status, 404);
    assert.equal(h.log.size, 0);
  });

  it('keeps memory within a byte budget by dropping the least recently used conversation', async () => {
    h = await start({ maxBytes: 6_000 });
    const a = await startConversation(h);
    const b = await startConversation(h);
    for (let i = 0; i < 4; i++) {
      await call(h, 'POST', `/conversations/${b.id}/activities`, b.token, {
        type: 'message',
        text: 'x'.repeat(500),
      });
    }
    assert.ok(h.log.bytes <= 6_000, `${h.log.bytes} bytes kept`);
    assert.equal((await call(h, 'GET', `/conversations/${a.id}/activities`, a.token)).status, 404);
    const kept = await call(h, 'GET', `/conversations/${b.id}/activities`, b.token);
    assert.equal(kept.status, 200);
    assert.match(texts(kept.json.activities).at(-1) ?? '', /^bot: You said: x+$/, 'the newest reply is kept');
  });

  it('delivers a proactive message (status notice) to the right conversation only', async () => {
    h = await start();
    const a = await startConversation(h);
    const b = await startConversation(h);
    await call(h, 'POST', `/conversations/${a.id}/activities`, a.token, { type: 'message', text: 'hello' });
    const page = await call(h, 'GET', `/conversations/${a.id}/activities`, a.token);
    const reference = TurnContext.getConversationReference(
      (page.json.activities as Activity[])[1] as Activity,
    );
    await h.dl.adapter.continueConversation(reference, async (context) => {
      await context.sendActivity('Request PHL-1 is now in progress.');
    });
    const inA = await call(h, 'GET', `/conversations/${a.id}/activities?watermark=3`, a.token);
    assert.deepEqual(texts(inA.json.activities), ['bot: Request PHL-1 is now in progress.']);
    const inB = await call(h, 'GET', `/conversations/${b.id}/activities`, b.token);
    assert.deepEqual(texts(inB.json.activities), ['bot: Welcome to 311.']);
  });

  it('passes a shared location (GeoCoordinates entity) to the bot', async () => {
    h = await start();
    const c = await startConversation(h);
    await call(h, 'POST', `/conversations/${c.id}/activities`, c.token, {
      type: 'message',
      entities: [{ type: 'GeoCoordinates', latitude: 39.95, longitude: -75.16 }],
    });
    const page = await call(h, 'GET', `/conversations/${c.id}/activities?watermark=2`, c.token);
    assert.deepEqual(texts(page.json.activities), ['bot: You said: at 39.95,-75.16']);
  });

  it('accepts an image upload as an attachment the bot can link, and refuses other files', async () => {
    h = await start();
    const c = await startConversation(h);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const upload = async (bytes: Buffer, type: string) => {
      const form = new FormData();
      form.append(
        'activity',
        new Blob([JSON.stringify({ type: 'message', text: 'photo', attachments: [{}] })]),
      );
      form.append('file', new Blob([new Uint8Array(bytes)], { type }), 'hole.png');
      return fetch(`${h.base}/conversations/${c.id}/upload?userId=x`, {
        method: 'POST',
        headers: { authorization: `Bearer ${c.token}` },
        body: form,
      });
    };
    assert.equal((await upload(png, 'image/png')).status, 200);
    const page = await call(h, 'GET', `/conversations/${c.id}/activities?watermark=1`, c.token);
    const [echo, reply] = page.json.activities as Activity[];
    const url = echo?.attachments?.[0]?.contentUrl ?? '';
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/media\/[a-f0-9]{32}\.png$/);
    assert.equal(echo?.attachments?.[0]?.contentType, 'image/png');
    assert.equal(reply?.text, `You said: photo with ${url}`);
    const html = await upload(Buffer.from('<script>alert(1)</script>'), 'image/png');
    assert.equal(html.status, 415, 'a file that is not really an image is refused');
    for (let i = 1; i < 10; i++) assert.equal((await upload(png, 'image/png')).status, 200);
    assert.equal((await upload(png, 'image/png')).status, 429, 'at most 10 photos per conversation');
  });
});

describe('Direct Line endpoint (WebSocket stream)', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  function collect(url: string) {
    const ws = new WebSocket(url);
    const frames: { activities: Activity[]; watermark: string }[] = [];
    ws.on('message', (data) => frames.push(JSON.parse(String(data))));
    const until = async (n: number) => {
      for (let i = 0; i < 100 && frames.flatMap((f) => f.activities).length < n; i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      return frames;
    };
    return { ws, frames, until, opened: once(ws, 'open') };
  }

  it('replays, then streams the echo and the reply as frames with string watermarks', async () => {
    h = await start();
    const c = await startConversation(h);
    const s = collect(c.streamUrl);
    await s.opened;
    await s.until(1);
    await call(h, 'POST', `/conversations/${c.id}/activities`, c.token, { type: 'message', text: 'hi' });
    const frames = await s.until(3);
    assert.deepEqual(
      frames.map((f) => [texts(f.activities), f.watermark]),
      [
        [['bot: Welcome to 311.'], '1'],
        [['user: hi'], '2'],
        [['bot: You said: hi'], '3'],
      ],
    );
    s.ws.close();

    const again = await call(h, 'GET', `/conversations/${c.id}?watermark=2`, c.token);
    assert.equal(again.status, 200);
    const resumed = collect(String(again.json.streamUrl));
    await resumed.opened;
    const replay = await resumed.until(1);
    assert.deepEqual(texts(replay.flatMap((f) => f.activities)), ['bot: You said: hi']);
    resumed.ws.close();
  });

  it('closes open streams when detached, so the server can shut down', async () => {
    h = await start();
    const c = await startConversation(h);
    const s = collect(c.streamUrl);
    await s.opened;
    const closed = once(s.ws, 'close');
    await h.close();
    await closed;
    h = await start();
  });

  it('refuses a stream with another conversation’s token', async () => {
    h = await start();
    const a = await startConversation(h);
    const b = await startConversation(h);
    const ws = new WebSocket(a.streamUrl.replace(/t=[^&]+/, `t=${encodeURIComponent(b.token)}`));
    const [error] = (await once(ws, 'error')) as [Error];
    assert.match(error.message, /403/);
  });
});
