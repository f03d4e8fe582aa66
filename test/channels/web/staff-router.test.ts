import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TurnContext } from 'botbuilder';
import express from 'express';
import { loadConfig } from '../../../bot/config.js';
import { createLowdbCorrectionsStore } from '../../../bot/corrections-store.js';
import { silentLogger } from '../../../bot/logger.js';
import { usePipeline } from '../../../bot/pipeline.js';
import { createRuntime, type Runtime } from '../../../bot/runtime.js';
import { ConsoleAdapter } from '../../../channels/console/index.js';
import { createDirectLine } from '../../../channels/directline/index.js';
import { createStaffRouter } from '../../../channels/web/staff-router.js';
import { consoleQuestionRunner } from '../../../channels/web/test-set.js';
import { createWebRouter } from '../../../channels/web/web-router.js';

const STAFF_TOKEN = 'staff-token-for-tests';

interface App {
  base: string;
  dataDir: string;
  close(): Promise<void>;
}

let runtime: Runtime | undefined;

async function startApp(staffToken: string | undefined): Promise<App> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'staff-router-'));
  const config = loadConfig({ DATA_DIR: dataDir, STAFF_TOKEN: staffToken, CITY_NAME: 'Philadelphia' });
  runtime ??= await createRuntime({ config, logger: silentLogger, inMemory: true });
  const rt = runtime;
  const logic = (context: TurnContext) => rt.bot.run(context);
  const consoleAdapter = usePipeline(new ConsoleAdapter(), {
    bot: rt.bot,
    emergency: rt.emergency,
    logger: silentLogger,
  });
  const dl = createDirectLine({ logic, clock: () => new Date(), logger: silentLogger, dataDir });
  const staff = createStaffRouter({
    cityName: config.cityName,
    staffToken: config.staffToken,
    clock: () => new Date(),
    logger: silentLogger,
    articles: rt.articles,
    directLine: dl,
    corrections: await createLowdbCorrectionsStore(path.join(dataDir, 'corrections.json')),
    runQuestion: consoleQuestionRunner(consoleAdapter, logic),
  });
  const app = express();
  app.use(createWebRouter({ cityName: config.cityName, articles: rt.articles, directLine: dl }));
  app.use(staff.router);
  // A stand-in for another team's Bearer-protected staff API, to check the session bridge.
  app.use('/api/requests', staff.auth.sessionAsBearer, staff.auth.requireStaff, (req, res) => {
    res.json({ method: req.method, ok: true });
  });
  const server: Server = createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    dataDir,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function login(app: App): Promise<string> {
  const res = await fetch(`${app.base}/staff/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: STAFF_TOKEN }),
  });
  assert.equal(res.status, 303);
  const cookie = res.headers.get('set-cookie') ?? '';
  assert.match(cookie, /HttpOnly/i);
  assert.match(cookie, /SameSite=Strict/i);
  assert.ok(!cookie.includes(STAFF_TOKEN), 'the cookie does not carry the staff token');
  return cookie.split(';')[0] ?? '';
}

describe('Staff console router', () => {
  let app: App;
  afterEach(async () => app?.close());

  it('answers 503 when no staff token is configured', async () => {
    app = await startApp(undefined);
    assert.equal((await fetch(`${app.base}/staff`)).status, 503);
    assert.equal((await fetch(`${app.base}/api/staff/corrections`)).status, 503);
  });

  it('asks for the token, refuses a wrong one with 401, and lets the right one in', async () => {
    app = await startApp(STAFF_TOKEN);
    const first = await fetch(`${app.base}/staff`);
    assert.match(await first.text(), /<label for="staff-token">Staff token<\/label>/);
    const wrong = await fetch(`${app.base}/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: 'guess' }),
    });
    assert.equal(wrong.status, 401);
    assert.match(await wrong.text(), /That staff token is not right/);
    assert.equal((await fetch(`${app.base}/api/staff/corrections`)).status, 401);
    const forged = await fetch(`${app.base}/api/staff/corrections`, {
      headers: { cookie: 'staff_session=9999999999.abc' },
    });
    assert.equal(forged.status, 401);

    const cookie = await login(app);
    const consolePage = await (await fetch(`${app.base}/staff`, { headers: { cookie } })).text();
    assert.match(consolePage, /<h1>Staff console<\/h1>/);
    const bearer = await fetch(`${app.base}/api/staff/corrections`, {
      headers: { authorization: `Bearer ${STAFF_TOKEN}` },
    });
    assert.equal(bearer.status, 200);
    const badBearer = await fetch(`${app.base}/api/staff/corrections`, {
      headers: { authorization: 'Bearer nope' },
    });
    assert.equal(badBearer.status, 401);
  });

  it('slows down guessing: after 10 wrong tokens even the right one gets 429 for a while', async () => {
    app = await startApp(STAFF_TOKEN);
    const attempt = (token: string) =>
      fetch(`${app.base}/staff/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }),
      });
    for (let i = 0; i < 10; i++) assert.equal((await attempt(`guess-${i}`)).status, 401);
    assert.equal((await attempt(STAFF_TOKEN)).status, 429);
  });

  it('lets the console session call Bearer-protected staff APIs, changes only as JSON', async () => {
    app = await startApp(STAFF_TOKEN);
    const cookie = await login(app);
    assert.equal((await fetch(`${app.base}/api/requests`)).status, 401);
    assert.equal((await fetch(`${app.base}/api/requests`, { headers: { cookie } })).status, 200);
    const form = await fetch(`${app.base}/api/requests/12345678`, {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'status=closed-fixed',
    });
    assert.equal(form.status, 415);
    const json = await fetch(`${app.base}/api/requests/12345678`, {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{"status":"closed-fixed"}',
    });
    assert.equal(json.status, 200);
  });

  it('stores corrections durably, refuses unknown topics, and exports them as JSON', async () => {
    app = await startApp(STAFF_TOKEN);
    const headers = { authorization: `Bearer ${STAFF_TOKEN}`, 'content-type': 'application/json' };
    const post = (body: unknown) =>
      fetch(`${app.base}/api/staff/corrections`, { method: 'POST', headers, body: JSON.stringify(body) });
    const bad = await post({
      question: 'q',
      outcome: 'answer',
      answeredTopic: 'pothole',
      correctTopic: 'made-up',
    });
    assert.equal(bad.status, 400);
    assert.equal(
      (await post({ question: '', outcome: 'answer', answeredTopic: null, correctTopic: null })).status,
      400,
    );
    const badJson = await fetch(`${app.base}/api/staff/corrections`, {
      method: 'POST',
      headers,
      body: '{"question":',
    });
    assert.equal(badJson.status, 400);
    const ok = await post({
      question: 'my street has a big hole <b>',
      outcome: 'answer',
      answeredTopic: 'street-defect',
      score: 0.61,
      correctTopic: 'pothole',
    });
    assert.equal(ok.status, 201);
    const exported = await fetch(`${app.base}/api/staff/corrections?download=1`, { headers });
    assert.match(
      exported.headers.get('content-disposition') ?? '',
      /attachment; filename="?corrections.json"?/,
    );
    const { corrections } = (await exported.json()) as {
      corrections: { question: string; correctTopic: string }[];
    };
    assert.deepEqual(
      corrections.map((c) => [c.question, c.correctTopic]),
      [['my street has a big hole <b>', 'pothole']],
    );
    const reopened = await createLowdbCorrectionsStore(path.join(app.dataDir, 'corrections.json'));
    assert.equal((await reopened.list())[0]?.correctTopic, 'pothole', 'the correction is on disk');
  });

  it('runs a JSONL test set through the bot and reports pass/fail and accuracy per style', async () => {
    app = await startApp(STAFF_TOKEN);
    const run = (text: string) =>
      fetch(`${app.base}/api/staff/test-set`, {
        method: 'POST',
        headers: { authorization: `Bearer ${STAFF_TOKEN}`, 'content-type': 'text/plain' },
        body: text,
      });
    const broken = await run('{"q": "trash day", "expect": "trash-collection-day"}\nnot json\n');
    assert.equal(broken.status, 400);
    assert.match(((await broken.json()) as { error: { message: string } }).error.message, /^Line 2:/);
    const lines = [
      { q: 'I smell gas in my kitchen', expect: 'emergency', style: 'emergency' },
      { q: 'is the stock market up or down today', expect: 'none', style: 'out-of-scope' },
      { q: 'I smell gas in my kitchen', expect: 'pothole', style: 'wrong-on-purpose' },
    ];
    const res = await run(lines.map((l) => JSON.stringify(l)).join('\n'));
    assert.equal(res.status, 200);
    const report = (await res.json()) as {
      total: number;
      passed: number;
      byStyle: Record<string, { total: number; passed: number; accuracy: number }>;
      results: { q: string; pass: boolean; outcome: string }[];
    };
    assert.equal(report.total, 3);
    assert.equal(report.results[0]?.outcome, 'emergency');
    assert.equal(report.results[0]?.pass, true);
    assert.equal(report.results[2]?.pass, false, 'a wrong expectation fails');
    assert.deepEqual(report.byStyle['wrong-on-purpose'], { total: 1, passed: 0, accuracy: 0 });
    assert.deepEqual(report.byStyle.emergency, { total: 1, passed: 1, accuracy: 1 });
  });
});

describe('Resident web pages', () => {
  let app: App;
  afterEach(async () => app?.close());

  it('serves the chat page, the knowledge base index and one page per article', async () => {
    app = await startApp(undefined);
    const home = await fetch(`${app.base}/`);
    const csp = home.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.ok(!/script-src[^;]*unsafe-inline/.test(csp));
    const html = await home.text();
    assert.match(html, /<h1 id="chat-title">Ask Philadelphia 311<\/h1>/);
    for (const landmark of ['<header', '<nav', '<main', '<footer'])
      assert.ok(html.includes(landmark), landmark);
    const index = await (await fetch(`${app.base}/kb`)).text();
    assert.match(index, /<a href="\/kb\/pothole">Report a pothole<\/a>/);
    const article = await fetch(`${app.base}/kb/pothole`);
    assert.equal(article.status, 200);
    assert.match(await article.text(), /<strong>3 business days<\/strong>/);
    assert.equal((await fetch(`${app.base}/kb/no-such-topic`)).status, 404);
    const bundle = await fetch(`${app.base}/assets/webchat.js`);
    assert.equal(bundle.status, 200);
    assert.equal(bundle.headers.get('content-encoding'), 'gzip', 'compressed for phones');
    assert.ok(
      Number(bundle.headers.get('content-length')) < 1_500_000,
      bundle.headers.get('content-length') ?? '',
    );
    assert.ok((await bundle.text()).length > 3_000_000, 'the whole Web Chat bundle, served locally');
  });

  it('gives each page load its own resident token and serves only stored photos', async () => {
    app = await startApp(undefined);
    const a = (await (await fetch(`${app.base}/api/webchat/token`, { method: 'POST' })).json()) as Record<
      string,
      string
    >;
    const b = (await (await fetch(`${app.base}/api/webchat/token`, { method: 'POST' })).json()) as Record<
      string,
      string
    >;
    assert.notEqual(a.conversationId, b.conversationId);
    assert.notEqual(a.userId, b.userId);
    assert.equal((await fetch(`${app.base}/media/..%2Fcorrections.json`)).status, 404);
    assert.equal((await fetch(`${app.base}/media/${'a'.repeat(32)}.png`)).status, 404);
  });
});
