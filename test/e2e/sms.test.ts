/**
 * SMS end to end: Twilio-signed webhooks (signed with Twilio's own library)
 * over HTTP on loopback into the real app and the real bot (knowledge base,
 * dialogs, state and stores in a temporary DATA_DIR); replies leave through
 * the real Twilio client to a loopback fake of Twilio's API.
 */
import assert from 'node:assert/strict';
import { type ChannelStack, startChannelStack } from '../helpers/channel-stack.js';
import { type FakeTwilio, startFakeTwilio } from '../helpers/fake-twilio.js';
import {
  newMessageSid,
  postTwilioWebhook,
  smsParams,
  TEST_ACCOUNT_SID,
  TEST_BOT_NUMBER,
  testTwilioEnv,
} from '../helpers/twilio-webhook.js';

const PUBLIC_URL = 'https://311.example.org';
const SIGNED_URL = `${PUBLIC_URL}/sms`;
const RESIDENT = '+12155550142';

describe('SMS end to end (real bot, fake Twilio API)', () => {
  let twilio: FakeTwilio;
  let stack: ChannelStack;

  beforeEach(async () => {
    twilio = await startFakeTwilio();
    stack = await startChannelStack({
      PUBLIC_URL,
      ...testTwilioEnv(twilio.url),
    });
  });

  afterEach(async () => {
    await stack.close();
    await twilio.close();
  });

  /** Texts the bot as the resident and returns what the bot texted back during that turn. */
  async function text(
    body: string,
    options: { from?: string; sid?: string; media?: { url: string; contentType: string }[] } = {},
  ) {
    const from = options.from ?? RESIDENT;
    const before = twilio.to(from).length;
    const res = await postTwilioWebhook(
      `${stack.url}/sms`,
      smsParams({ from, body, sid: options.sid, media: options.media }),
      {
        signedUrl: SIGNED_URL,
      },
    );
    assert.equal(res.status, 200, res.body);
    await stack.idle();
    return twilio
      .to(from)
      .slice(before)
      .map((m) => m.body);
  }

  it('answers a question from the knowledge base in SMS-sized messages', async () => {
    const replies = await text('how do i start a business');
    const all = replies.join(' ');
    assert.match(all, /Commercial Activity License/);
    assert.ok(replies.every((r) => r.length <= 320));
    assert.ok(twilio.sent.every((m) => m.from === TEST_BOT_NUMBER && m.accountSid === TEST_ACCOUNT_SID));
  });

  it('offers choices as "Reply 1 or 2" and takes a bare "2" as the second choice', async () => {
    const offer = (await text('free smoke alarm')).join('\n');
    assert.match(offer, /1\) Yes\n2\) No\nReply 1 or 2\./);
    const after = (await text('2')).join('\n');
    assert.match(after, /won't report it/, 'the "2" reached the offer as "No"');
  });

  it('sends a gas leak to 911 at once', async () => {
    const replies = await text('I smell gas in my kitchen');
    assert.match(replies.join(' '), /911/);
  });

  it('STOP: nothing is ever sent again, notices included, until START', async () => {
    await text('how do i start a business');
    const sentBefore = twilio.to(RESIDENT).length;
    assert.deepEqual(await text('STOP'), []);
    assert.deepEqual(await text('how do i start a business'), []);
    const request = await stack.runtime.requests.file({
      serviceCode: 'pothole',
      location: { address: '1234 Spruce St' },
      requester: { channel: 'sms', userId: RESIDENT, conversationId: RESIDENT },
    });
    await stack.runtime.requests.changeStatus(request.id, { status: 'in-progress', by: 'staff' });
    await stack.idle();
    assert.equal(twilio.to(RESIDENT).length, sentBefore);
    const back = await text('START');
    assert.match(back.join(' '), /Welcome back/);
  });

  it('refuses forged signatures with 403 and the bot never sees the message', async () => {
    const params = smsParams({ from: RESIDENT, body: 'how do i start a business' });
    const forged = await postTwilioWebhook(`${stack.url}/sms`, params, {
      signedUrl: SIGNED_URL,
      authToken: 'guess',
    });
    const local = await postTwilioWebhook(`${stack.url}/sms`, params, { signedUrl: `${stack.url}/sms` });
    assert.deepEqual([forged.status, local.status], [403, 403]);
    await stack.idle();
    assert.equal(twilio.sent.length, 0);
  });

  it('checks the signature over the URL Twilio called, query string included', async () => {
    // The number's webhook configured as $PUBLIC_URL/sms?city=phl: Twilio signs that whole URL.
    const withQuery = await postTwilioWebhook(
      `${stack.url}/sms?city=phl`,
      smsParams({ from: RESIDENT, body: 'how do i start a business' }),
      { signedUrl: `${PUBLIC_URL}/sms?city=phl` },
    );
    assert.equal(withQuery.status, 200, withQuery.body);
    await stack.idle();
    assert.match(
      twilio
        .to(RESIDENT)
        .map((m) => m.body)
        .join(' '),
      /Commercial Activity License/,
    );

    // A request signed for /sms, replayed with a query the signature never covered.
    const sent = twilio.sent.length;
    const replayed = await postTwilioWebhook(
      `${stack.url}/sms?x=1`,
      smsParams({ from: RESIDENT, body: 'how do i start a business' }),
      { signedUrl: SIGNED_URL },
    );
    assert.equal(replayed.status, 403, replayed.body);
    await stack.idle();
    assert.equal(twilio.sent.length, sent, 'nothing is sent for a request signed for another URL');
  });

  it('files a pothole with an MMS photo, gives a tracking number only once stored, and looks it up', async () => {
    const photo = {
      url: `https://api.twilio.com/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Messages/MM0123/Media/ME0123`,
      contentType: 'image/jpeg',
    };
    const steps: [string, { url: string; contentType: string }[] | undefined][] = [
      ['there is a pothole at 1234 Spruce St', undefined],
      ['3', undefined],
      ['1', undefined],
      ['Deep hole in the right lane, cars swerve around it', [photo]],
    ];
    for (const [body, media] of steps) {
      const replies = await text(body, { media });
      assert.ok(replies.length > 0, `a reply to "${body || 'the photo'}"`);
      assert.ok(replies.every((r) => r.length <= 320));
    }
    const filed = (await text('1')).join(' ');
    const tracking = /tracking number is #(\d{8})/.exec(filed)?.[1];
    assert.ok(tracking, filed);

    const stored = await stack.runtime.requests.get(tracking as never);
    assert.equal(stored?.serviceCode, 'pothole');
    assert.equal(stored?.mediaUrl, photo.url, "the MMS photo is the request's media_url");
    assert.equal(stored?.requester.channel, 'sms');
    assert.equal(stored?.requester.userId, RESIDENT);

    const status = (await text(`status ${tracking}`)).join(' ');
    assert.match(status, new RegExp(tracking!));
    assert.match(status, /received/i);

    const before = twilio.to(RESIDENT).length;
    await stack.runtime.requests.changeStatus(tracking as never, {
      status: 'scheduled',
      note: 'Crew on Tuesday',
      by: 'staff',
    });
    await stack.idle();
    assert.deepEqual(
      twilio
        .to(RESIDENT)
        .slice(before)
        .map((m) => m.body.replace(/ Expected by .*$/, '')),
      [`Update on request #${tracking} (Street Defect (Pothole)): Scheduled - Crew on Tuesday.`],
    );
  });

  it('"4" for Cancel at the summary cancels the report; it is not an opt-out', async () => {
    for (const body of ['pothole at 1234 Spruce St', '4', '5', 'Deep hole']) await text(body);
    const summary = (await twilio.to(RESIDENT)).at(-1)!.body;
    assert.match(summary, /4\) Cancel/);
    const cancelled = (await text('4')).join(' ');
    assert.doesNotMatch(cancelled, /tracking number/);
    assert.equal(await stack.optOuts.isOptedOut('sms', RESIDENT), false);
    assert.deepEqual(await stack.runtime.requests.find({}), []);
    assert.match((await text('how do i start a business')).join(' '), /Commercial Activity License/);
  });

  it('tells the resident by SMS when staff change the status, and nobody else', async () => {
    const request = await stack.runtime.requests.file({
      serviceCode: 'pothole',
      location: { address: '1234 Spruce St' },
      description: 'Deep hole',
      requester: { channel: 'sms', userId: RESIDENT, conversationId: RESIDENT },
    });
    await text('how do i start a business');
    const other = '+12155550177';
    await text('how do i start a business', { from: other });
    const before = twilio.sent.length;
    await stack.runtime.requests.changeStatus(request.id, {
      status: 'in-progress',
      note: 'Crew assigned',
      by: 'staff',
    });
    await stack.idle();
    const notices = twilio.sent.slice(before);
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.to, RESIDENT);
    assert.match(
      notices[0]!.body,
      new RegExp(
        `^Update on request #${request.id} \\(Street Defect \\(Pothole\\)\\): In progress - Crew assigned\\. Expected by `,
      ),
    );
  });

  it('handles a message Twilio retries once', async () => {
    const sid = newMessageSid();
    const first = await text('how do i start a business', { sid });
    const retried = await text('how do i start a business', { sid });
    assert.ok(first.length > 0);
    assert.deepEqual(retried, []);
  });
});

describe('SMS end to end behind a path prefix (PUBLIC_URL=https://city.example.org/bot)', () => {
  it('checks the signature over PUBLIC_URL with its prefix, plus the path and query the app received', async () => {
    const twilio = await startFakeTwilio();
    const prefix = 'https://city.example.org/bot';
    const stack = await startChannelStack({ PUBLIC_URL: `${prefix}/`, ...testTwilioEnv(twilio.url) });
    try {
      const params = smsParams({ from: RESIDENT, body: 'how do i start a business' });
      const signedWithPrefix = await postTwilioWebhook(`${stack.url}/sms?city=phl`, params, {
        signedUrl: `${prefix}/sms?city=phl`,
      });
      const signedWithoutPrefix = await postTwilioWebhook(
        `${stack.url}/sms?city=phl`,
        smsParams({ from: RESIDENT, body: 'how do i start a business' }),
        { signedUrl: 'https://city.example.org/sms?city=phl' },
      );
      assert.deepEqual([signedWithPrefix.status, signedWithoutPrefix.status], [200, 403]);
      await stack.idle();
      assert.equal(twilio.to(RESIDENT).length > 0, true, 'the bot answered the properly signed message');
    } finally {
      await stack.close();
      await twilio.close();
    }
  });
});
