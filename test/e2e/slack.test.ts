/**
 * Slack end to end: Events API and interactivity requests signed with
 * Slack's v0 scheme over HTTP on loopback into the real app and the real
 * bot; replies go through Bolt's Web API client to a loopback fake of Slack.
 */
import assert from 'node:assert/strict';
import { type ChannelStack, startChannelStack } from '../helpers/channel-stack.js';
import {
  buttonPayload,
  dmEvent,
  eventEnvelope,
  type FakeSlack,
  mentionEvent,
  postSlack,
  type SlackPost,
  startFakeSlack,
  TEST_SLACK_SECRET,
  TEST_SLACK_TOKEN,
} from '../helpers/fake-slack.js';

const RESIDENT = 'U0RESIDENT';

describe('Slack end to end (real bot, fake Slack Web API)', () => {
  let slack: FakeSlack;
  let stack: ChannelStack;
  let events: string;

  beforeEach(async () => {
    slack = await startFakeSlack();
    stack = await startChannelStack({
      SLACK_SIGNING_SECRET: TEST_SLACK_SECRET,
      SLACK_BOT_TOKEN: TEST_SLACK_TOKEN,
      SLACK_API_URL: slack.apiUrl,
    });
    events = `${stack.url}/slack/events`;
  });

  afterEach(async () => {
    await stack.close();
    await slack.close();
  });

  async function send(body: unknown, options: Parameters<typeof postSlack>[2] = {}): Promise<SlackPost[]> {
    const before = slack.posts.length;
    const res = await postSlack(events, body, options);
    assert.equal(res.status, 200, res.body);
    await stack.idle();
    return slack.posts.slice(before);
  }

  it('answers a direct message in the DM', async () => {
    const posts = await send(eventEnvelope(dmEvent(RESIDENT, 'how do i start a business')));
    assert.equal(posts.length, 1);
    assert.equal(posts[0]!.channel, `D${RESIDENT}`);
    assert.equal(posts[0]!.threadTs, undefined);
    assert.match(posts[0]!.text, /Commercial Activity License/);
  });

  it('answers an @mention in its thread; a button press answers the offer like typed text', async () => {
    const mention = mentionEvent(RESIDENT, 'free smoke alarm');
    const [offer] = await send(eventEnvelope(mention));
    assert.equal(offer!.threadTs, mention.ts);
    const actions = offer!.blocks?.find((b) => b.type === 'actions') as
      | { elements: { text: { text: string } }[] }
      | undefined;
    const buttons = actions?.elements ?? [];
    assert.deepEqual(
      buttons.map((b) => b.text.text),
      ['Yes', 'No'],
    );
    const [answer] = await send(buttonPayload(RESIDENT, offer!, 1), { form: true });
    assert.equal(answer!.threadTs, mention.ts);
    assert.match(answer!.text, /won't report it/);
  });

  it('files a pothole in an @mention thread with buttons, and the status change is told in that thread', async () => {
    const mention = mentionEvent(RESIDENT, 'there is a pothole at 1234 Spruce St');
    const thread = { thread_ts: mention.ts };
    const press = async (post: SlackPost | undefined, title: string): Promise<SlackPost[]> => {
      const actions = post?.blocks?.find((b) => b.type === 'actions') as
        | { elements: { text: { text: string } }[] }
        | undefined;
      const index = actions?.elements.findIndex((e) => e.text.text === title) ?? -1;
      assert.ok(index >= 0, `a "${title}" button in: ${post?.text}`);
      return send(buttonPayload(RESIDENT, post!, index), { form: true });
    };
    let posts = await send(eventEnvelope(mention));
    posts = await press(posts.at(-1), 'Larger than a tire');
    posts = await press(posts.at(-1), 'In a travel lane');
    posts = await send(eventEnvelope(mentionEvent(RESIDENT, 'Deep hole, cars swerve', 'C0TOWNHALL', thread)));
    posts = await press(posts.at(-1), 'Yes');
    const filed = posts.map((p) => p.text).join(' ');
    const tracking = /tracking number is #(\d{8})/.exec(filed)?.[1];
    assert.ok(tracking, filed);
    assert.ok(
      slack.posts.every((p) => p.channel === 'C0TOWNHALL' && p.threadTs === mention.ts),
      'every reply stayed in the thread',
    );

    const before = slack.posts.length;
    await stack.runtime.requests.changeStatus(tracking as never, {
      status: 'closed-fixed',
      note: 'Patched',
      by: 'staff',
    });
    await stack.idle();
    const notices = slack.posts.slice(before);
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.threadTs, mention.ts);
    assert.equal(
      notices[0]!.text,
      `Update on request #${tracking} (Street Defect (Pothole)): Fixed - Patched.`,
    );
  });

  it('handles a retried event once and refuses forged signatures', async () => {
    const envelope = eventEnvelope(dmEvent(RESIDENT, 'how do i start a business'));
    assert.equal((await send(envelope)).length, 1);
    assert.equal((await send(envelope, { retryNum: 1 })).length, 0);
    const forged = await postSlack(events, eventEnvelope(dmEvent(RESIDENT, 'hi')), { secret: 'guess' });
    assert.equal(forged.status, 401);
    await stack.idle();
    assert.equal(slack.posts.length, 1);
  });

  it('STOP is confirmed once, then nothing is sent, notices included', async () => {
    const [confirmation] = await send(eventEnvelope(dmEvent(RESIDENT, 'stop')));
    assert.match(confirmation!.text, /no more messages/);
    assert.deepEqual(await send(eventEnvelope(dmEvent(RESIDENT, 'how do i start a business'))), []);
    const request = await stack.runtime.requests.file({
      serviceCode: 'pothole',
      location: { address: '1234 Spruce St' },
      requester: { channel: 'slack', userId: RESIDENT, conversationId: `D${RESIDENT}` },
    });
    await stack.runtime.requests.changeStatus(request.id, { status: 'closed-fixed', by: 'staff' });
    await stack.idle();
    assert.equal(slack.posts.length, 1);
  });
});
