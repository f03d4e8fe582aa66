import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { main } from '../../bot/main.js';
import { type LoopbackServer, listenLoopback, readBody, waitUntil } from '../helpers/loopback-server.js';

/**
 * A resident in the Bot Framework Emulator files a pothole report through
 * `npm start`'s composition root, then hears of the staff's status change in
 * the same conversation: the notice goes to the Emulator's serviceUrl (a
 * loopback fake that records what the bot sent).
 */
describe('Bot Framework: a status change reaches the Emulator conversation', function () {
  this.timeout(60_000);
  const STAFF_TOKEN = 'staff-token-for-tests-0123456789';
  let dataDir: string;
  let emulator: LoopbackServer;
  let received: Partial<Activity>[];
  let base: string;
  let stop: () => void;
  let exited: Promise<number>;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'bf-notice-'));
    received = [];
    emulator = await listenLoopback(async (req, res) => {
      received.push(JSON.parse(await readBody(req)) as Partial<Activity>);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: `sent-${received.length}` }));
    });
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const listening = new Promise<string>((resolve) => {
      exited = main(
        { PORT: '0', DATA_DIR: dataDir, STAFF_TOKEN },
        { log: () => {}, stop: stopped, onListening: resolve },
      );
    });
    base = await listening;
  });

  after(async () => {
    stop();
    assert.equal(await exited, 0);
    await emulator.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  let seq = 0;
  async function say(text: string): Promise<Partial<Activity>[]> {
    seq += 1;
    const res = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `in-${seq}`,
        deliveryMode: 'expectReplies',
        text,
        channelId: 'emulator',
        serviceUrl: emulator.url,
        from: { id: 'emulator-user-1' },
        recipient: { id: 'bot' },
        conversation: { id: 'emulator-conv-1' },
      }),
    });
    assert.equal(res.status, 200);
    return ((await res.json()) as { activities: Partial<Activity>[] }).activities;
  }

  /** Answers each intake prompt the way a resident would, until the tracking number comes. */
  async function fileReport(): Promise<string> {
    let replies = await say('there is a big pothole at 1234 Spruce St');
    for (let turn = 0; turn < 12; turn += 1) {
      const text = replies.map((r) => r.text ?? '').join('\n');
      const tracking = /#(\d{8})/.exec(text);
      if (tracking && /expect/i.test(text)) return tracking[1]!;
      const choices = replies.flatMap((r) => r.suggestedActions?.actions ?? []).map((a) => String(a.value));
      const answer =
        choices.find((c) => /^(yes|file it|submit)/i.test(c)) ??
        choices.find((c) => /^skip$/i.test(c)) ??
        (/describe|what.*(wrong|happen)|details?/i.test(text)
          ? 'Deep hole by the curb, cars swerve around it'
          : 'skip');
      replies = await say(answer);
    }
    assert.fail('the intake never gave a tracking number');
  }

  it('files over /api/messages and delivers the staff status change to the serviceUrl', async () => {
    const id = await fileReport();
    const before = received.length;
    const res = await fetch(`${base}/api/requests/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${STAFF_TOKEN}` },
      body: JSON.stringify({ status: 'in-progress', note: 'Crew assigned' }),
    });
    assert.equal(res.status, 200);
    await waitUntil(() => received.length > before, 'the notice at the Emulator');
    const notice = received.at(-1);
    assert.equal(notice?.conversation?.id, 'emulator-conv-1');
    assert.match(notice?.text ?? '', new RegExp(`#${id}`));
    assert.match(notice?.text ?? '', /in progress/i);
    assert.match(notice?.text ?? '', /Crew assigned/);
  });
});
