/**
 * X end to end: Account Activity webhooks signed as X signs them over HTTP on
 * loopback into the real app and the real bot; replies go to a loopback fake
 * of the X DM API.
 */
import assert from 'node:assert/strict';
import { type ChannelStack, startChannelStack } from '../helpers/channel-stack.js';
import {
  dmPayload,
  type FakeX,
  postXWebhook,
  startFakeX,
  TEST_X_BOT_ID,
  TEST_X_SECRET,
  TEST_X_TOKEN,
} from '../helpers/fake-x.js';

const RESIDENT = '2244994945';

describe('X end to end (real bot, fake X API)', () => {
  let x: FakeX;
  let stack: ChannelStack;
  let webhook: string;

  beforeEach(async () => {
    x = await startFakeX();
    stack = await startChannelStack({
      X_CONSUMER_SECRET: TEST_X_SECRET,
      X_ACCESS_TOKEN: TEST_X_TOKEN,
      X_BOT_USER_ID: TEST_X_BOT_ID,
      X_API_URL: x.url,
    });
    webhook = `${stack.url}/x/webhook`;
  });

  afterEach(async () => {
    await stack.close();
    await x.close();
  });

  async function dm(text: string, eventId?: string): Promise<string[]> {
    const before = x.sent.length;
    const res = await postXWebhook(
      webhook,
      JSON.stringify(dmPayload([{ senderId: RESIDENT, text, eventId }])),
    );
    assert.equal(res.status, 200, res.body);
    await stack.idle();
    return x.sent.slice(before).map((m) => m.text);
  }

  it('answers the CRC challenge of the mounted webhook', async () => {
    const res = await fetch(`${webhook}?crc_token=crc-token-1234`);
    assert.deepEqual(await res.json(), {
      response_token: 'sha256=3bLShEtGaUbBdRhJ8m0ID1aznpraiVJSXTyvx/5SFZU=',
    });
  });

  it('answers a DM; choices are numbered and "2" answers the offer', async () => {
    assert.match((await dm('how do i start a business')).join(' '), /Commercial Activity License/);
    assert.match((await dm('free smoke alarm')).join('\n'), /1\) Yes\n2\) No\nReply 1 or 2\./);
    assert.match((await dm('2')).join(' '), /won't report it/);
    assert.ok(
      x.sent.every((m) => m.participantId === RESIDENT && m.authorization === `Bearer ${TEST_X_TOKEN}`),
    );
  });

  it('looks up a request by tracking number and tells of a status change by DM', async () => {
    const request = await stack.runtime.requests.file({
      serviceCode: 'pothole',
      location: { address: '1500 Market St' },
      description: 'Deep hole',
      requester: { channel: 'x', userId: RESIDENT, conversationId: RESIDENT },
    });
    assert.match((await dm(`status ${request.id}`)).join(' '), new RegExp(request.id));
    const before = x.sent.length;
    await stack.runtime.requests.changeStatus(request.id, { status: 'in-progress', by: 'staff' });
    await stack.idle();
    assert.deepEqual(
      x.sent.slice(before).map((m) => [m.participantId, m.text.replace(/ Expected by .*$/, '')]),
      [
        [
          RESIDENT,
          `Update on request #${request.id} (${stack.runtime.catalog.get('pothole')?.name}): In progress.`,
        ],
      ],
    );
  });

  it('skips the bot\u2019s own echo and a repeated event, and refuses a forged signature', async () => {
    const echo = dmPayload([
      { senderId: TEST_X_BOT_ID, recipientId: RESIDENT, text: 'how do i start a business' },
    ]);
    assert.equal((await postXWebhook(webhook, JSON.stringify(echo))).status, 200);
    assert.equal((await dm('how do i start a business', '555')).length, 1);
    assert.equal((await dm('how do i start a business', '555')).length, 0);
    const forged = await postXWebhook(
      webhook,
      JSON.stringify(dmPayload([{ senderId: RESIDENT, text: 'hi' }])),
      {
        secret: 'guess',
      },
    );
    assert.equal(forged.status, 403);
    await stack.idle();
    assert.equal(x.sent.length, 1);
  });
});
