/**
 * Web chat as deployed: behind a TLS-terminating proxy, at a PUBLIC_URL, and on
 * more than one instance. Every absolute URL the server hands out (the Direct
 * Line stream, photo links, Open311 discovery) must be one the client can
 * reach, and a Direct Line token must outlive the process that issued it.
 */
import assert from 'node:assert/strict';
import { type MainServer, startMain } from '../helpers/main-server.js';

/** A proxy's view of the request: TLS ended at the proxy, the public host name forwarded. */
const FORWARDED = { 'x-forwarded-proto': 'https', 'x-forwarded-host': '311.city.example' };
const SECRET = 'directline-secret-for-tests-0123456789';
/** The smallest PNG: a resident's photo. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

interface HandedOut {
  readonly streamUrl: string;
  readonly mediaUrl: string;
  readonly discoveryUrl: string;
}

/** Starts web chat, sends a photo and reads Open311 discovery, all with `headers`; returns the URLs handed out. */
async function urlsHandedOut(app: MainServer, headers: Record<string, string>): Promise<HandedOut> {
  const dl = `${app.base}/directline`;
  const generated = await fetch(`${dl}/tokens/generate`, { method: 'POST', headers });
  const { token } = (await generated.json()) as { token: string };
  const auth = { ...headers, authorization: `Bearer ${token}` };
  const started = await fetch(`${dl}/conversations`, { method: 'POST', headers: auth });
  const { conversationId, streamUrl } = (await started.json()) as {
    conversationId: string;
    streamUrl: string;
  };
  const form = new FormData();
  form.append('activity', new Blob([JSON.stringify({ type: 'message', attachments: [{}] })]));
  form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'pothole.png');
  const uploaded = await fetch(`${dl}/conversations/${conversationId}/upload`, {
    method: 'POST',
    headers: auth,
    body: form,
  });
  assert.equal(uploaded.status, 200);
  const page = await fetch(`${dl}/conversations/${conversationId}/activities`, { headers: auth });
  const { activities } = (await page.json()) as { activities: { attachments?: { contentUrl: string }[] }[] };
  const mediaUrl = activities.flatMap((a) => a.attachments ?? [])[0]?.contentUrl ?? '';
  const discovery = await fetch(`${app.base}/open311/v2/discovery.json`, { headers });
  const { endpoints } = (await discovery.json()) as { endpoints: { url: string }[] };
  return { streamUrl, mediaUrl, discoveryUrl: endpoints[0]?.url ?? '' };
}

describe('web chat behind a proxy, at a PUBLIC_URL and on several instances', function () {
  this.timeout(30_000);
  const apps: MainServer[] = [];
  const start = async (env: Record<string, string> = {}) => {
    const app = await startMain(env);
    apps.push(app);
    return app;
  };
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.stop();
  });

  it('with TRUST_PROXY, hands out wss:// and https:// URLs on the forwarded host', async () => {
    const app = await start({ TRUST_PROXY: 'loopback' });
    const urls = await urlsHandedOut(app, FORWARDED);
    assert.match(urls.streamUrl, /^wss:\/\/311\.city\.example\/directline\/conversations\/[^/]+\/stream\?/);
    assert.match(urls.mediaUrl, /^https:\/\/311\.city\.example\/media\/[a-f0-9]{32}\.png$/);
    assert.equal(urls.discoveryUrl, 'https://311.city.example/open311/v2');
  });

  it('without TRUST_PROXY, ignores forwarded headers: URLs are the ones the request came to', async () => {
    const app = await start();
    const origin = app.base.replace(/^http:\/\//, '');
    const urls = await urlsHandedOut(app, FORWARDED);
    assert.ok(urls.streamUrl.startsWith(`ws://${origin}/directline/conversations/`), urls.streamUrl);
    assert.ok(urls.mediaUrl.startsWith(`http://${origin}/media/`), urls.mediaUrl);
    assert.equal(urls.discoveryUrl, `http://${origin}/open311/v2`);
  });

  it('with PUBLIC_URL, hands out URLs on it whatever the request says', async () => {
    const app = await start({ PUBLIC_URL: 'https://311.example.org', TRUST_PROXY: 'loopback' });
    const urls = await urlsHandedOut(app, FORWARDED);
    assert.match(urls.streamUrl, /^wss:\/\/311\.example\.org\/directline\/conversations\/[^/]+\/stream\?/);
    assert.match(urls.mediaUrl, /^https:\/\/311\.example\.org\/media\/[a-f0-9]{32}\.png$/);
    assert.equal(urls.discoveryUrl, 'https://311.example.org/open311/v2');
  });

  it('never hands out a link to somewhere else from a forwarded host that is not a host name', async () => {
    const app = await start({ TRUST_PROXY: 'loopback' });
    const urls = await urlsHandedOut(app, { 'x-forwarded-host': 'evil.example/phish?x=' });
    assert.match(urls.streamUrl, /^ws:\/\/localhost\/directline\//);
    assert.match(urls.mediaUrl, /^http:\/\/localhost\/media\//);
  });

  it('accepts a token issued by another instance with the same DIRECTLINE_SECRET, and refuses it otherwise', async () => {
    const [a, b, other] = await Promise.all([
      start({ DIRECTLINE_SECRET: SECRET }),
      start({ DIRECTLINE_SECRET: SECRET }),
      start({ DIRECTLINE_SECRET: `${SECRET}-not-the-same` }),
    ]);
    const issued = await fetch(`${a!.base}/api/webchat/token`, { method: 'POST' });
    const { token, conversationId } = (await issued.json()) as { token: string; conversationId: string };
    const open = (app: MainServer) =>
      fetch(`${app.base}/directline/conversations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
    const there = await open(b!);
    assert.equal(there.status, 201, 'a restarted or second instance takes the token');
    assert.equal(((await there.json()) as { conversationId: string }).conversationId, conversationId);
    const refused = await open(other!);
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'TOKEN_INVALID');
    assert.ok(!a!.lines.some((l) => l.includes('DIRECTLINE_SECRET is not set')));
  });

  it('without DIRECTLINE_SECRET, says at start-up that tokens end with the process', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    assert.ok(a!.lines.some((l) => /DIRECTLINE_SECRET is not set.*restart/.test(l)));
    const issued = await fetch(`${a!.base}/api/webchat/token`, { method: 'POST' });
    const { token } = (await issued.json()) as { token: string };
    const elsewhere = await fetch(`${b!.base}/directline/conversations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(elsewhere.status, 403);
  });
});
