import assert from 'node:assert/strict';
import { MessageFactory } from 'botbuilder';
import { renderSms } from '../../../channels/sms/sms-renderer.js';
import {
  markdownToPlain,
  SMS_MAX_MESSAGE_CHARS,
  splitSms,
  toGsmSafe,
} from '../../../channels/sms/sms-text.js';

describe('SMS text', () => {
  it('replaces typographic punctuation with GSM-7 ASCII and keeps other characters', () => {
    assert.equal(
      toGsmSafe('“Trash” isn’t late — it’s 1 day… later\u00a0now • ok ¿Sí?'),
      '"Trash" isn\'t late - it\'s 1 day... later now - ok ¿Sí?',
    );
  });

  it('turns light Markdown into plain text', () => {
    assert.equal(
      markdownToPlain('**Note:** see [the schedule](https://www.phila.gov/trash)'),
      'Note: see the schedule (https://www.phila.gov/trash)',
    );
  });

  it('keeps a short reply in one message', () => {
    assert.deepEqual(splitSms('  Trash is collected weekly.  '), ['Trash is collected weekly.']);
    assert.deepEqual(splitSms(''), []);
  });

  it('splits at sentence boundaries, losing no text, each piece at most 320 characters', () => {
    const sentence = 'Set trash out after 7 PM the night before, at most 40 lb per bag. ';
    const text = sentence.repeat(9).trim();
    const parts = splitSms(text);
    assert.ok(parts.length > 1);
    for (const part of parts) {
      assert.ok(part.length <= SMS_MAX_MESSAGE_CHARS);
      assert.ok(part.endsWith('bag.'), part);
    }
    assert.equal(parts.join(' '), text);
  });

  it('splits a sentence longer than a message at words, and a word longer than a message by force', () => {
    const words = `${'word '.repeat(100)}end.`;
    const parts = splitSms(words);
    assert.ok(parts.every((p) => p.length <= 320 && !p.startsWith(' ') && !p.endsWith(' ')));
    assert.equal(parts.join(' '), words);
    const url = `https://example.org/${'a'.repeat(700)}`;
    const pieces = splitSms(url);
    assert.deepEqual(
      pieces.map((p) => p.length),
      [320, 320, url.length - 640],
    );
    assert.equal(pieces.join(''), url);
  });

  it('does not split decimals or abbreviations that fit', () => {
    assert.deepEqual(splitSms('Fees are 3.5 dollars at St. Mary. Done.'), [
      'Fees are 3.5 dollars at St. Mary. Done.',
    ]);
  });

  it('renders choices as numbered lines with "Reply 1 or 2"', () => {
    const rendered = renderSms(MessageFactory.suggestedActions(['Yes', 'No'], 'Is 1234 Spruce St right?'));
    assert.deepEqual(rendered.messages, [
      { body: 'Is 1234 Spruce St right?\n1) Yes\n2) No\nReply 1 or 2.', mediaUrls: [] },
    ]);
    assert.deepEqual(rendered.choices, [
      { title: 'Yes', value: 'Yes' },
      { title: 'No', value: 'No' },
    ]);
  });

  it('keeps the numbered choices together rather than splitting them across messages', () => {
    const summary = `Please check: Street Defect (Pothole) at 1234 Spruce St. ${'Details of the report here. '.repeat(8)}`;
    const rendered = renderSms(
      MessageFactory.suggestedActions(['Yes', 'Change address', 'Change description', 'Cancel'], summary),
    );
    const bodies = rendered.messages.map((m) => m.body);
    assert.ok(bodies.length >= 2);
    assert.ok(bodies.every((b) => b.length <= 320));
    assert.ok(
      bodies
        .at(-1)!
        .endsWith('1) Yes\n2) Change address\n3) Change description\n4) Cancel\nReply 1, 2, 3 or 4.'),
    );
    assert.equal(bodies.filter((b) => b.includes('4) Cancel')).length, 1);
    assert.ok(bodies.slice(0, -1).every((b) => !b.includes('1) Yes')));
  });

  it('sends image attachments with a public URL as MMS media on the first message', () => {
    const rendered = renderSms({
      text: 'Your photo:',
      attachments: [
        { contentType: 'image/png', contentUrl: 'https://311.example.org/media/a.png' },
        { contentType: 'application/vnd.microsoft.card.hero', content: {} },
      ],
    });
    assert.deepEqual(rendered.messages, [
      { body: 'Your photo:', mediaUrls: ['https://311.example.org/media/a.png'] },
    ]);
  });
});
