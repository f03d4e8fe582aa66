import assert from 'node:assert/strict';
import { parseInboundSms, smsToActivity } from '../../../channels/sms/sms-inbound.js';
import { smsParams } from '../../helpers/twilio-webhook.js';

describe('SMS inbound parameters', () => {
  it('reads an MMS into a message activity with photo attachments, ignoring extra fields', () => {
    const params = {
      ...smsParams({
        from: '+12155550111',
        body: ' pothole here ',
        media: [
          { url: 'https://api.twilio.com/m/1', contentType: 'image/jpeg' },
          { url: 'https://api.twilio.com/m/2', contentType: 'image/png' },
        ],
      }),
      AddedByTwilioLater: 'x',
    };
    const parsed = parseInboundSms(params);
    assert.ok(parsed.ok);
    const activity = smsToActivity(
      parsed.message,
      new Date('2026-11-23T12:00:00Z'),
      'https://311.example.org',
    );
    assert.equal(activity.channelId, 'sms');
    assert.equal(activity.text, 'pothole here');
    assert.equal(activity.from?.id, '+12155550111');
    assert.equal(activity.conversation?.id, '+12155550111');
    assert.deepEqual(
      activity.attachments?.map((a) => [a.contentType, a.contentUrl]),
      [
        ['image/jpeg', 'https://api.twilio.com/m/1'],
        ['image/png', 'https://api.twilio.com/m/2'],
      ],
    );
  });

  it('refuses what Twilio never sends', () => {
    const ok = smsParams({ from: '+12155550111', body: 'hi' });
    const cases: Record<string, string>[] = [
      { ...ok, MessageSid: 'not-a-sid', SmsMessageSid: 'not-a-sid' },
      { ...ok, From: 'Robert; DROP TABLE' },
      { ...ok, Body: '   ' },
      { ...ok, NumMedia: '11' },
      { ...ok, NumMedia: 'two' },
      { ...ok, NumMedia: '1', MediaUrl0: 'file:///etc/passwd' },
    ];
    for (const params of cases) assert.equal(parseInboundSms(params).ok, false, JSON.stringify(params));
  });
});
