/**
 * Web chat across a restart of the pilot (lowdb, no DATABASE_URL): the app
 * stops and starts again on the same DATA_DIR, and the resident's Web Chat,
 * coming back with the token it has, finds its conversation as it was and
 * goes on with it.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MainServer, startMain } from '../helpers/main-server.js';

const SECRET = 'directline-restart-test-secret-0123456789';

interface Activity {
  readonly id: string;
  readonly type: string;
  readonly text?: string;
  readonly from: { readonly id: string; readonly role?: string };
}
interface Page {
  readonly activities: Activity[];
  readonly watermark: string;
}

describe('web chat across a restart (lowdb: DATA_DIR/directline.jsonl)', function () {
  this.timeout(60_000);
  let dataDir: string;
  let app: MainServer | undefined;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'directline-restart-'));
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = () => startMain({ DATA_DIR: dataDir, DIRECTLINE_SECRET: SECRET });
  const call = async (path: string, token: string, body?: unknown) => {
    const res = await fetch(`${app!.base}/directline${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const say = (conversationId: string, token: string, text: string) =>
    call(`/conversations/${conversationId}/activities`, token, {
      type: 'message',
      text,
      from: { id: 'ignored' },
    });
  const activities = async (conversationId: string, token: string, watermark?: string) => {
    const query = watermark === undefined ? '' : `?watermark=${watermark}`;
    const { status, body } = await call(`/conversations/${conversationId}/activities${query}`, token);
    assert.equal(status, 200, JSON.stringify(body));
    return body as Page;
  };
  const botTexts = (page: Page) =>
    page.activities.filter((a) => a.from.role === 'bot' && a.type === 'message').map((a) => a.text);

  it('keeps the conversation: the same token reads the earlier activities, and a new message gets a reply', async () => {
    app = await start();
    const issued = await fetch(`${app.base}/api/webchat/token`, { method: 'POST' });
    const { token, conversationId } = (await issued.json()) as { token: string; conversationId: string };
    assert.equal((await call('/conversations', token, {})).status, 201);
    const sent = await say(conversationId, token, 'when is my trash picked up');
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    const before = await activities(conversationId, token);
    const asked = before.activities.findIndex((a) => a.text === 'when is my trash picked up');
    assert.ok(asked >= 0, 'the question is in the conversation');
    assert.ok(
      botTexts({ ...before, activities: before.activities.slice(asked + 1) }).length > 0,
      'the bot answered it',
    );

    assert.equal(await app.stop(), 0);
    app = undefined;
    assert.ok(existsSync(join(dataDir, 'directline.jsonl')));
    app = await start();

    const after = await activities(conversationId, token);
    assert.deepEqual(after, before, 'the same activities, ids and watermark');
    assert.deepEqual(await activities(conversationId, token, before.watermark), {
      activities: [],
      watermark: before.watermark,
    });
    const again = await call('/conversations', token, {});
    assert.equal(again.status, 200, 'the conversation is there: not started afresh');

    const next = await say(conversationId, token, 'how do I get a free smoke alarm');
    assert.equal(next.status, 200, JSON.stringify(next.body));
    const newer = await activities(conversationId, token, before.watermark);
    assert.equal(newer.activities[0]?.text, 'how do I get a free smoke alarm');
    assert.equal(
      newer.activities[0]?.id,
      `${conversationId}|${before.watermark.padStart(7, '0')}`,
      'numbered after the earlier ones',
    );
    assert.ok(botTexts(newer).length > 0, 'the bot answered after the restart');
    assert.ok(Number(newer.watermark) > Number(before.watermark));
    assert.ok(
      !app.lines.some((line) => line.includes('trash picked up') || line.includes('smoke alarm')),
      'no message text in the log',
    );
  });
});
