/**
 * The bot on PostgreSQL as an operator runs it: `bot/main.ts` in real
 * processes (DATABASE_URL, a schema of their own), Twilio-signed SMS over
 * loopback, replies to a loopback fake of Twilio's API. Restarts, a second
 * instance on the same schema, a kill -9 in the middle of a turn, and
 * WORKERS=2.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeTwilio, startFakeTwilio } from '../helpers/fake-twilio.js';
import { waitUntil } from '../helpers/loopback-server.js';
import { dropSchema, newSchemaName, requirePostgres, TEST_DATABASE_URL } from '../helpers/postgres.js';
import { type SpawnedMain, spawnMain } from '../helpers/spawn-main.js';
import { newMessageSid, postTwilioWebhook, smsParams, testTwilioEnv } from '../helpers/twilio-webhook.js';

const PUBLIC_URL = 'https://311.example.org';
const SIGNED_URL = `${PUBLIC_URL}/sms`;
const RESIDENT = '+12155550142';
const STAFF_TOKEN = 'postgres-e2e-staff-token-0123456789abcdef';

describe('on PostgreSQL (DATABASE_URL), in real processes', function () {
  this.timeout(120_000);
  let schema: string;
  let dataDir: string;
  let twilio: FakeTwilio;
  const running: SpawnedMain[] = [];

  before(async function () {
    await requirePostgres(this);
  });
  beforeEach(async () => {
    schema = newSchemaName();
    dataDir = await mkdtemp(join(tmpdir(), 'pg-e2e-'));
    twilio = await startFakeTwilio();
  });
  afterEach(async () => {
    for (const child of running.splice(0)) {
      if (child.child.exitCode === null) child.child.kill('SIGKILL');
      await child.exited;
    }
    await twilio.close();
    await dropSchema(schema);
    await rm(dataDir, { recursive: true, force: true });
  });

  function env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      PORT: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: schema,
      PUBLIC_URL,
      STAFF_TOKEN,
      LOG_LEVEL: 'info',
      ...testTwilioEnv(twilio.url),
      ...extra,
    };
  }

  async function start(extra: Record<string, string> = {}): Promise<{ base: string; process: SpawnedMain }> {
    const process = spawnMain(env(extra));
    running.push(process);
    const base = (await process.url).replace('localhost', '127.0.0.1');
    return { base, process };
  }

  async function stop(process: SpawnedMain): Promise<number | null> {
    process.child.kill('SIGTERM');
    return process.exited;
  }

  /** Texts the bot and waits until it has answered with `count` more messages (at least one). */
  async function text(base: string, body: string, options: { sid?: string; from?: string } = {}) {
    const from = options.from ?? RESIDENT;
    const before = twilio.to(from).length;
    const res = await postTwilioWebhook(`${base}/sms`, smsParams({ from, body, sid: options.sid }), {
      signedUrl: SIGNED_URL,
    });
    assert.equal(res.status, 200, res.body);
    await waitUntil(() => twilio.to(from).length > before, `a reply to "${body}"`, 15_000);
    // Replies of one turn leave together; give a multi-part reply a moment to finish.
    await new Promise((resolve) => setTimeout(resolve, 150));
    return twilio
      .to(from)
      .slice(before)
      .map((m) => m.body)
      .join(' ');
  }

  async function filePothole(base: string): Promise<string> {
    for (const body of ['there is a pothole at 1234 Spruce St', '3', '1', 'Deep hole in the right lane']) {
      await text(base, body);
    }
    const filed = await text(base, '1');
    const tracking = /tracking number is #(\d{8})/.exec(filed)?.[1];
    assert.ok(tracking, filed);
    return tracking;
  }

  it('migrates an empty schema, is ready, and keeps a request filed by SMS across a restart', async () => {
    const first = await start();
    assert.ok(first.process.lines.some((l) => l.includes('database schema migrated')));
    const ready = await fetch(`${first.base}/readyz`);
    assert.equal(ready.status, 200);
    const tracking = await filePothole(first.base);
    assert.equal(await stop(first.process), 0);

    const second = await start();
    assert.ok(
      !second.process.lines.some((l) => l.includes('database schema migrated')),
      'nothing left to migrate',
    );
    assert.match(await text(second.base, `status ${tracking}`), new RegExp(`#?${tracking}.*[Rr]eceived`));
    const open311 = (await (await fetch(`${second.base}/open311/v2/requests/${tracking}.json`)).json()) as {
      service_request_id: string;
    }[];
    assert.equal(open311[0]?.service_request_id, tracking);
  });

  it('two instances on one schema share one truth: requests, and a retried MessageSid sent to the other', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const tracking = await filePothole(a.base);
    const seen = (await (await fetch(`${b.base}/open311/v2/requests/${tracking}.json`)).json()) as unknown[];
    assert.equal(seen.length, 1);

    const sid = newMessageSid();
    const answered = await text(a.base, 'how do i start a business', { sid });
    assert.match(answered, /Commercial Activity License/);
    const before = twilio.sent.length;
    const retried = await postTwilioWebhook(
      `${b.base}/sms`,
      smsParams({ from: RESIDENT, body: 'how do i start a business', sid }),
      { signedUrl: SIGNED_URL },
    );
    assert.equal(retried.status, 200);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal(twilio.sent.length, before, 'the retry is not answered again');
  });

  it('answers an SMS acknowledged just before the process was killed (kill -9), after a restart', async () => {
    const first = await start({ INBOX_LEASE_SECONDS: '1' });
    // Twilio's API hangs: the turn is under way (the message acknowledged) when the process dies.
    twilio.delayMs = 30_000;
    const res = await postTwilioWebhook(
      `${first.base}/sms`,
      smsParams({ from: RESIDENT, body: 'how do i start a business' }),
      { signedUrl: SIGNED_URL },
    );
    assert.equal(res.status, 200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    first.process.child.kill('SIGKILL');
    await first.process.exited;
    // A fresh Twilio API for the restarted process: what it receives was sent after the crash.
    const hung = twilio;
    twilio = await startFakeTwilio();
    await hung.close().catch(() => undefined);

    const second = await start({ INBOX_LEASE_SECONDS: '1' });
    await waitUntil(() => twilio.to(RESIDENT).length > 0, 'the reply after the restart', 20_000);
    assert.match(twilio.to(RESIDENT)[0]!.body, /Commercial Activity License/);
    assert.ok(second.process.lines.some((l) => l.includes('running a message left pending')));
  });

  it('WORKERS=2 runs two processes on one port', async () => {
    const cluster = spawnMain(env({ WORKERS: '2' }));
    running.push(cluster);
    const base = (await cluster.url).replace('localhost', '127.0.0.1');
    await waitUntil(
      () => cluster.lines.filter((l) => l.includes('"listening"')).length === 2,
      'both workers listening',
      30_000,
    );
    for (let i = 0; i < 6; i++) assert.equal((await fetch(`${base}/readyz`)).status, 200);
    const tracking = await filePothole(base);
    assert.match(await text(base, `status ${tracking}`), new RegExp(tracking));
    cluster.child.kill('SIGTERM');
    assert.equal(await cluster.exited, 0);
  });

  it('refuses WORKERS=2 without DATABASE_URL (lowdb is one process per DATA_DIR)', async () => {
    const refused = spawnMain({ PORT: '0', DATA_DIR: dataDir, WORKERS: '2' });
    running.push(refused);
    assert.equal(await refused.exited, 2);
    assert.ok(
      refused.lines.some((l) => l.includes('WORKERS')),
      refused.lines.join('\n'),
    );
  });

  it('refuses to start, saying why, when the database cannot be reached', async () => {
    const refused = spawnMain({
      ...env(),
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test',
    });
    running.push(refused);
    assert.equal(await refused.exited, 1);
    assert.ok(
      refused.lines.some((l) => /Cannot start: the database/.test(l)),
      refused.lines.join('\n'),
    );
  });
});
