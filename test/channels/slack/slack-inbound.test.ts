import assert from 'node:assert/strict';
import { markdownToMrkdwn } from '../../../channels/slack/slack-blocks.js';
import {
  addressOf,
  buttonToActivity,
  conversationIdOf,
  directMessageToActivity,
  mentionToActivity,
  slackToPlain,
} from '../../../channels/slack/slack-inbound.js';

const BOT = 'UBOT';

describe('Slack inbound and formatting', () => {
  it('turns Slack markup into the text a resident typed', () => {
    const table: [string, string][] = [
      [`<@${BOT}> pothole at 12th &amp; Market`, 'pothole at 12th & Market'],
      ['see <https://www.phila.gov/trash|the trash page>', 'see the trash page'],
      ['<https://example.org>', 'https://example.org'],
      ['mail <mailto:a@b.org|a@b.org>', 'mail a@b.org'],
      ['in <#C123|general> ask <@U999>', 'in #general ask @someone'],
      ['  spaced\n\nout  ', 'spaced out'],
    ];
    for (const [raw, plain] of table) assert.equal(slackToPlain(raw, BOT), plain);
  });

  it('escapes and converts bot Markdown to mrkdwn', () => {
    assert.equal(
      markdownToMrkdwn('**Fees** < $5 & [form](https://x.org/a?b=1&c=2)'),
      '*Fees* &lt; $5 &amp; <https://x.org/a?b=1&amp;c=2|form>',
    );
  });

  it('keeps DM and thread conversations apart and round-trips their ids', () => {
    assert.equal(conversationIdOf({ channel: 'D1' }), 'D1');
    assert.equal(conversationIdOf({ channel: 'C1', threadTs: '17.5' }), 'C1:17.5');
    assert.deepEqual(addressOf('C1:17.5'), { channel: 'C1', threadTs: '17.5' });
    assert.deepEqual(addressOf('D1'), { channel: 'D1' });
  });

  it('takes DMs from people only, mentions into their thread, and button values as text', () => {
    const dm = directMessageToActivity(
      { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'hi', ts: '1700000000.000100' },
      BOT,
    );
    assert.equal(dm?.conversation?.id, 'D1');
    assert.equal(dm?.from?.id, 'U1');
    assert.equal(
      directMessageToActivity(
        { type: 'message', channel_type: 'channel', channel: 'C1', user: 'U1', text: 'hi', ts: '1' },
        BOT,
      ),
      undefined,
    );
    assert.equal(
      directMessageToActivity(
        { type: 'message', channel_type: 'im', channel: 'D1', user: BOT, text: 'x', ts: '1' },
        BOT,
      ),
      undefined,
    );
    const photo = directMessageToActivity(
      {
        type: 'message',
        subtype: 'file_share',
        channel_type: 'im',
        channel: 'D1',
        user: 'U1',
        text: '',
        ts: '2',
        files: [{ mimetype: 'image/png', url_private: 'https://files.slack.com/p.png', name: 'p.png' }],
      },
      BOT,
    );
    assert.deepEqual(photo?.attachments, [
      { contentType: 'image/png', contentUrl: 'https://files.slack.com/p.png', name: 'p.png' },
    ]);

    const mention = mentionToActivity(
      { type: 'app_mention', channel: 'C1', user: 'U1', text: `<@${BOT}> help`, ts: '5.1' },
      BOT,
    );
    assert.equal(mention?.conversation?.id, 'C1:5.1');
    assert.equal(mention?.text, 'help');

    const press = buttonToActivity(
      {
        type: 'block_actions',
        user: { id: 'U1' },
        channel: { id: 'C1' },
        message: { ts: '6.1', thread_ts: '5.1' },
        actions: [{ action_id: 'choice_1', value: 'No', action_ts: '7.1' }],
      },
      BOT,
    );
    assert.equal(press?.text, 'No');
    assert.equal(press?.conversation?.id, 'C1:5.1');
    assert.equal(buttonToActivity({ type: 'block_actions', actions: [] }, BOT), undefined);
  });
});
