import assert from 'node:assert/strict';
import { MessageFactory } from 'botbuilder';
import {
  ChoiceMemory,
  choicesOf,
  renderNumbered,
  replyPrompt,
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

  it('maps "2", " 2. ", "#2" to the second value once; out-of-range and words pass through', () => {
    const memory = new ChoiceMemory();
    const choices = [
      { title: 'Yes', value: 'yes' },
      { title: 'No', value: 'no' },
    ];
    for (const reply of ['2', ' 2. ', '#2', '2)']) {
      memory.remember('sms:a', choices);
      assert.equal(memory.resolve('sms:a', reply), 'no', reply);
    }
    assert.equal(memory.resolve('sms:a', '2'), '2', 'forgotten after one reply');
    memory.remember('sms:a', choices);
    assert.equal(memory.resolve('sms:a', '3'), '3');
    memory.remember('sms:a', choices);
    assert.equal(memory.resolve('sms:b', '1'), '1', 'other conversations are not affected');
    assert.equal(memory.resolve('sms:a', 'yes please'), 'yes please');
  });

  it('forgets the oldest conversation beyond its bound', () => {
    const memory = new ChoiceMemory(2);
    const choices = [{ title: 'A', value: 'a' }];
    memory.remember('1', choices);
    memory.remember('2', choices);
    memory.remember('3', choices);
    assert.equal(memory.resolve('1', '1'), '1');
    assert.equal(memory.resolve('3', '1'), 'a');
  });
});
