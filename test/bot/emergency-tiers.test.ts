import assert from 'node:assert/strict';
import { readExplain } from '../../bot/explain.js';
import { useConsoleBot } from '../helpers/console-bot.js';

/** The two emergency tiers as a resident meets them: the real runtime, screen, search and pipeline. */
describe('emergency tiers through the pipeline', () => {
  const bot = useConsoleBot();
  let conversations = 0;
  const nextConversation = (): string => {
    conversations += 1;
    return `tiers-${conversations}`;
  };

  const say = (text: string, conversation = nextConversation()) => bot.say(text, conversation);

  it('a possible emergency gets the 911 line first, then the answer to what was asked', async () => {
    const replies = await say("there's blood all over the sidewalk by the big pothole on my street");
    const first = replies[0]?.text ?? '';
    assert.match(first, /^If anyone is in danger, call 911 now\.\n\n\S/);
    assert.match(first, /pothole/i, 'the answer follows the line');
    assert.notEqual(readExplain(replies[0] ?? {})?.outcome, 'emergency');
    assert.equal(
      replies.filter((r) => /call 911 now/i.test(r.text ?? '')).length,
      1,
      'the line is shown once',
    );
  });

  it('gives the line in Spanish to a Spanish message', async () => {
    const replies = await say('hay sangre en la acera junto al bache de mi calle');
    assert.match(replies[0]?.text ?? '', /^Si alguien está en peligro, llame al 911 ahora\.\n\n\S/);
  });

  it('a clear emergency still gets the 911 reply and nothing else', async () => {
    const replies = await say('my neighbor is not breathing');
    assert.equal(replies.length, 1);
    assert.match(replies[0]?.text ?? '', /^This sounds like an emergency\. Call 911 now\./);
    assert.equal(readExplain(replies[0] ?? {})?.outcome, 'emergency');
  });

  it('a possible emergency in the middle of a report keeps the report going, with the line first', async () => {
    const conversation = nextConversation();
    await say('I want to report a pothole', conversation);
    const possible = await say('there are flames near the abandoned lot', conversation);
    assert.match(possible[0]?.text ?? '', /^If anyone is in danger, call 911 now\.\n\n[\s\S]*Where is it\?/);
    const clear = await say('the house next door is on fire', conversation);
    assert.equal(clear.length, 1);
    assert.match(clear[0]?.text ?? '', /Call 911 now/);
  });

  it('routine messages that share words with emergencies get no 911 line', async () => {
    for (const text of ['how do i get a free smoke alarm', 'the fire hydrant on my corner is leaking']) {
      const replies = await say(text);
      assert.doesNotMatch(replies.map((r) => r.text ?? '').join('\n'), /911/, text);
    }
  });
});
