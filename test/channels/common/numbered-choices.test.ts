import assert from 'node:assert/strict';
import { MemoryStorage, MessageFactory } from 'botbuilder';
import {
  ChoiceMemory,
  type ChoiceStore,
  choicesOf,
  renderNumbered,
  replyPrompt,
  StateChoices,
} from '../../../channels/common/numbered-choices.js';

describe('numbered choices', () => {
  it('says "Reply 1", "Reply 1 or 2", "Reply 1, 2 or 3"', () => {
    assert.deepEqual([1, 2, 3, 4].map(replyPrompt), [
      'Reply 1',
      'Reply 1 or 2',
      'Reply 1, 2 or 3',
      'Reply 1, 2, 3 or 4',
    ]);
  });

  it('reads imBack choices with title and value', () => {
    const activity = MessageFactory.suggestedActions(
      [{ type: 'imBack', title: 'Pothole', value: 'pothole' }],
      'Which?',
    );
    assert.deepEqual(choicesOf(activity), [{ title: 'Pothole', value: 'pothole' }]);
    assert.equal(renderNumbered('Which?', choicesOf(activity)), 'Which?\n1) Pothole\nReply 1.');
  });

  const stores: [string, () => ChoiceStore][] = [
    ['in memory', () => new ChoiceMemory()],
    ['in the state storage', () => new StateChoices(new MemoryStorage())],
  ];
  for (const [where, make] of stores) {
    it(`maps "2", " 2. ", "#2" to the second value once; out-of-range and words pass through (${where})`, async () => {
      const memory = make();
      const choices = [
        { title: 'Yes', value: 'yes' },
        { title: 'No', value: 'no' },
      ];
      for (const reply of ['2', ' 2. ', '#2', '2)']) {
        await memory.remember('sms:a', choices);
        assert.equal(await memory.resolve('sms:a', reply), 'no', reply);
      }
      assert.equal(await memory.resolve('sms:a', '2'), '2', 'forgotten after one reply');
      await memory.remember('sms:a', choices);
      assert.equal(await memory.resolve('sms:a', '3'), '3');
      await memory.remember('sms:a', choices);
      assert.equal(await memory.resolve('sms:b', '1'), '1', 'other conversations are not affected');
      assert.equal(await memory.resolve('sms:a', 'yes please'), 'yes please');
    });
  }

  it('keeps the choices in the state storage: another instance reading the same storage maps the reply', async () => {
    const storage = new MemoryStorage();
    await new StateChoices(storage).remember('sms:+12155550100', [
      { title: 'Yes', value: 'yes' },
      { title: 'No', value: 'no' },
    ]);
    assert.deepEqual(Object.keys(await storage.read(['sms/conversations/+12155550100/numbered-choices'])), [
      'sms/conversations/+12155550100/numbered-choices',
    ]);
    assert.equal(await new StateChoices(storage).resolve('sms:+12155550100', '2'), 'no');
  });

  it('forgets the oldest conversation beyond its bound (in memory)', async () => {
    const memory = new ChoiceMemory(2);
    const choices = [{ title: 'A', value: 'a' }];
    await memory.remember('1', choices);
    await memory.remember('2', choices);
    await memory.remember('3', choices);
    assert.equal(await memory.resolve('1', '1'), '1');
    assert.equal(await memory.resolve('3', '1'), 'a');
  });
});
