import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { readExplain } from '../../bot/explain.js';
import { screenEmergency } from '../../understanding/emergency/index.js';
import { useConsoleBot } from '../helpers/console-bot.js';

/** Bad input through the real pipeline and the real knowledge base. */
describe('bad input', () => {
  const bot = useConsoleBot();
  let n = 0;

  const say = (text: string, conversation: string, extra: Partial<Activity> = {}) =>
    bot.say(text, conversation, extra);

  const cases: { name: string; text: string; extra?: Partial<Activity>; reply: RegExp }[] = [
    { name: 'an empty message', text: '', reply: /didn't catch any words/ },
    { name: 'only spaces and newlines', text: '  \n\t ', reply: /didn't catch any words/ },
    { name: 'only emoji', text: '😡😡🗑️👍', reply: /didn't catch any words/ },
    {
      name: 'a photo with no text',
      text: '',
      extra: { attachments: [{ contentType: 'image/jpeg', contentUrl: 'https://example.test/p.jpg' }] },
      reply: /Thanks for the picture/,
    },
    {
      name: '5,000 characters',
      text: `${'when is my trash picked up '.repeat(185)}`.slice(0, 5000),
      reply: /trash|collection|Which one did you mean/i,
    },
    { name: 'control characters', text: 'free\u0000 smoke\u0007 alarm\u001b[31m', reply: /smoke alarm/i },
    {
      name: 'HTML and a script',
      text: '<p>free <b>smoke alarm</b></p><script>alert("x")</script>',
      reply: /smoke alarm/i,
    },
    { name: 'only punctuation', text: '?!?!...', reply: /didn't catch any words/ },
  ];

  it('understands words with zero-width, soft-hyphen and bidi characters inside, as if they were not there', async () => {
    const [plain] = await say('when is trash pickup', 'invisible-plain');
    assert.equal(readExplain(plain ?? {})?.outcome, 'answer');
    for (const [i, text] of [
      'wh\u200Ben is tr\u200Dash pickup',
      '\u200Fwhen is tr\u00ADash pi\u2060ck\u200Cup\uFEFF',
      'when is \u202Etr\u202Cash \u2066pickup\u2069',
    ].entries()) {
      const [reply] = await say(text, `invisible-${i}`);
      assert.deepEqual(
        [readExplain(reply ?? {})?.outcome, readExplain(reply ?? {})?.topic, reply?.text],
        [readExplain(plain ?? {})?.outcome, readExplain(plain ?? {})?.topic, plain?.text],
        JSON.stringify(text),
      );
    }
  });

  it('screens "fi\u200Bre" as a fire: the 911 reply and nothing else', async () => {
    const replies = await say('fi\u200Bre in my kitc\u00ADhen', 'invisible-fire');
    assert.equal(readExplain(replies[0] ?? {})?.outcome, 'emergency');
    assert.match(replies.map((r) => r.text ?? '').join('\n'), /911/);
    // The screen itself sees through them too (eval and scripts call it without the pipeline).
    assert.equal(
      screenEmergency('fi\u200Bre in my kitc\u00ADhen').category,
      screenEmergency('fire').category,
    );
    assert.equal(screenEmergency('fi\u200Bre in my kitchen').emergency, true);
  });

  for (const c of cases) {
    it(`${c.name} gets a sensible reply and the conversation goes on`, async () => {
      n += 1;
      const conversation = `bad-${n}`;
      const replies = await say(c.text, conversation, c.extra);
      assert.ok(replies.length >= 1, 'a reply');
      const text = replies.map((r) => r.text ?? '').join('\n');
      assert.match(text, c.reply);
      assert.doesNotMatch(text, /<script|alert\(|Error:|at .*\.ts:\d+/);
      assert.ok(!text.includes(String.fromCharCode(0)), 'no control characters echoed');
      assert.notEqual(readExplain(replies[0] ?? {})?.outcome, undefined);
      const [menu] = await say('menu', conversation);
      assert.match(menu?.text ?? '', /311 assistant/);
    });
  }
});
