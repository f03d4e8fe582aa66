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
    const results = await stack.notifier.notify(
      {
        id: '12345678',
        serviceCode: 'pothole',
        requester: { channel: 'slack', userId: RESIDENT },
        followers: [],
      } as never,
      { status: 'closed-fixed', at: new Date().toISOString(), by: 'staff' },
    );
    assert.deepEqual(results, [{ channel: 'slack', userId: RESIDENT, outcome: 'opted-out' }]);
    assert.equal(slack.posts.length, 1);
  });
});
