import assert from 'node:assert/strict';
import { dmToActivity, parseXEvents } from '../../../channels/x/x-inbound.js';
import { dmPayload, TEST_X_BOT_ID } from '../../helpers/fake-x.js';

describe('X inbound events', () => {
  it('reads direct messages; a photo becomes an attachment and its t.co link leaves the text', () => {
    const photo = { url: 'https://ton.twimg.com/dm/1/p.jpg', tco: 'https://t.co/p' };
    const parsed = parseXEvents(
      dmPayload([{ senderId: '42', text: 'pothole', photo, eventId: '9' }]),
      TEST_X_BOT_ID,
    );
    assert.ok(parsed.ok);
    assert.equal(parsed.messages.length, 1);
    const activity = dmToActivity(parsed.messages[0]!, new Date());
    assert.equal(activity.text, 'pothole');
    assert.equal(activity.id, '9');
    assert.equal(activity.conversation?.id, '42');
    assert.deepEqual(activity.attachments?.[0]?.contentUrl, photo.url);
  });

  it('ignores echoes, other accounts\u2019 events, and non-message events', () => {
    const echo = parseXEvents(dmPayload([{ senderId: TEST_X_BOT_ID, text: 'x' }]), TEST_X_BOT_ID);
    assert.ok(echo.ok && echo.messages.length === 0 && echo.ignored === 1);
    const other = parseXEvents(dmPayload([{ senderId: '42', text: 'x' }], '777'), TEST_X_BOT_ID);
    assert.ok(other.ok && other.messages.length === 0);
    const typing = parseXEvents(
      { for_user_id: TEST_X_BOT_ID, direct_message_indicate_typing_events: [{}] },
      TEST_X_BOT_ID,
    );
    assert.ok(typing.ok && typing.messages.length === 0);
  });

  it('refuses malformed payloads', () => {
    for (const body of [
      null,
      [],
      'x',
      { direct_message_events: {} },
      { direct_message_events: [{ type: 'message_create', id: '1' }] },
    ]) {
      assert.equal(parseXEvents(body, TEST_X_BOT_ID).ok, false, JSON.stringify(body));
    }
  });
});
