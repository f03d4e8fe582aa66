import assert from 'node:assert/strict';
import { type Activity, ActivityHandler, TestAdapter } from 'botbuilder';
import {
  defaultKeywordTexts,
  detectKeyword,
  keywordsMiddleware,
  TYPED_TEXT_KEY,
} from '../../bot/keywords-middleware.js';
import { silentLogger } from '../../bot/logger.js';
import { createMemoryOptOutStore } from '../../bot/opt-out-store.js';

describe('keywords middleware (STOP/START/HELP)', () => {
  it('detects whole-message keywords only, SMS with the carriers\u2019 full list', () => {
    const table: [string, string, string | undefined][] = [
      ['STOP', 'sms', 'opt-out'],
      [' stop. ', 'sms', 'opt-out'],
      ['Stop All', 'sms', 'opt-out'],
      ['unsubscribe', 'slack', 'opt-out'],
      ['cancel', 'sms', 'opt-out'],
      ['cancel', 'slack', undefined],
      ['quit', 'x', undefined],
      ['end', 'sms', 'opt-out'],
      ['stop sign missing on my corner', 'sms', undefined],
      ['START', 'slack', 'opt-in'],
      ['yes', 'sms', 'opt-in'],
      ['yes', 'x', undefined],
      ['help', 'x', 'help'],
      ['Info?', 'sms', 'help'],
      ['help me report a pothole', 'sms', undefined],
      ['', 'sms', undefined],
    ];
    for (const [text, channel, expected] of table)
      assert.equal(detectKeyword(text, channel), expected, `${text} on ${channel}`);
  });

  function harness(channelId: string) {
    const optOuts = createMemoryOptOutStore();
    const reached: string[] = [];
    const bot = new ActivityHandler().onMessage(async (context, next) => {
      reached.push(context.activity.text ?? '');
      await context.sendActivity(`bot: ${context.activity.text}`);
      await next();
    });
    const adapter = new TestAdapter((context) => bot.run(context), {
      channelId,
      from: { id: 'user-1', name: '' },
    } as Partial<Activity>).use(
      keywordsMiddleware({ optOuts, logger: silentLogger, texts: defaultKeywordTexts('Philadelphia') }),
    );
    return { adapter, optOuts, reached };
  }

  it('on SMS: STOP is recorded silently, later messages are dropped, START resumes', async () => {
    const { adapter, optOuts, reached } = harness('sms');
    await adapter
      .send('STOP')
      .send('what day is trash?')
      .send('START')
      .assertReply((a) => assert.match(a.text ?? '', /Welcome back/))
      .send('hello')
      .assertReply('bot: hello')
      .startTest();
    assert.deepEqual(reached, ['hello']);
    assert.equal(await optOuts.isOptedOut('sms', 'user-1'), false);
    assert.equal(adapter.activeQueue.length, 0, 'nothing else was sent');
  });

  it('on other channels: STOP is confirmed once; "cancel" reaches the dialogs', async () => {
    const { adapter, optOuts, reached } = harness('slack');
    await adapter
      .send('cancel')
      .assertReply('bot: cancel')
      .send('stop')
      .assertReply((a) => assert.match(a.text ?? '', /no more messages/))
      .send('stop')
      .startTest();
    assert.equal(await optOuts.isOptedOut('slack', 'user-1'), true);
    assert.deepEqual(reached, ['cancel']);
    assert.equal(adapter.activeQueue.length, 0, 'a second STOP is not confirmed again');
  });

  it('judges keywords on what was typed when a channel rewrote the text ("4" -> "Cancel")', async () => {
    const { adapter, optOuts, reached } = harness('sms');
    await adapter
      .send({ type: 'message', text: 'Cancel', channelData: { [TYPED_TEXT_KEY]: '4' } })
      .assertReply('bot: Cancel')
      .startTest();
    assert.deepEqual(reached, ['Cancel']);
    assert.equal(await optOuts.isOptedOut('sms', 'user-1'), false);
  });

  it('HELP answers with the help text without reaching the bot; YES is a normal answer when not opted out', async () => {
    const { adapter, reached } = harness('sms');
    await adapter
      .send('HELP')
      .assertReply((a) => assert.match(a.text ?? '', /report a problem.*call 911.*Reply STOP/s))
      .send('yes')
      .assertReply('bot: yes')
      .startTest();
    assert.deepEqual(reached, ['yes']);
  });
});
