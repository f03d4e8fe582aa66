import assert from 'node:assert/strict';
import { type Activity, TestAdapter, TurnContext } from 'botbuilder';
import sinon from 'sinon';
import { jsonConversationState, jsonUserState } from '../../bot/json-bot-state.js';
import { LowdbStorage } from '../../bot/lowdb-storage.js';

const adapter = new TestAdapter();

function turn(text: string, conversation = 'c-1', user = 'u-1'): TurnContext {
  const activity: Partial<Activity> = {
    type: 'message',
    text,
    channelId: 'sms',
    conversation: { id: conversation, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: user, name: user },
    recipient: { id: 'bot', name: 'bot' },
  };
  return new TurnContext(adapter, activity);
}

interface Draft {
  step?: string;
  answers?: string[];
}

describe('bot state (JSON change check)', () => {
  it('keeps what a turn set for the next turn of the same conversation, and only for it', async () => {
    const storage = await LowdbStorage.open();
    const state = jsonConversationState(storage);
    const draft = state.createProperty<Draft>('draft');

    const first = turn('pothole');
    await draft.set(first, { step: 'location', answers: ['pothole'] });
    await state.saveChanges(first);

    const next = turn('5th and Market');
    assert.deepEqual(await draft.get(next), { step: 'location', answers: ['pothole'] });
    assert.equal(await draft.get(turn('hi', 'c-2')), undefined);
  });

  it('writes only when something changed, however deep the change', async () => {
    const storage = await LowdbStorage.open();
    const write = sinon.spy(storage, 'write');
    const state = jsonConversationState(storage);
    const draft = state.createProperty<Draft>('draft');

    const first = turn('pothole');
    await draft.set(first, { step: 'location', answers: ['pothole'] });
    await state.saveChanges(first);
    assert.equal(write.callCount, 1);

    const unchanged = turn('hello');
    await draft.get(unchanged);
    await state.saveChanges(unchanged);
    assert.equal(write.callCount, 1, 'a turn that only read the state does not write it');

    const deep = turn('5th and Market');
    (await draft.get(deep))?.answers?.push('5th and Market');
    await state.saveChanges(deep);
    assert.equal(write.callCount, 2, 'a change inside an array is a change');
    assert.deepEqual(await draft.get(turn('again')), {
      step: 'location',
      answers: ['pothole', '5th and Market'],
    });

    const forced = turn('x');
    await state.saveChanges(forced, true);
    assert.equal(write.callCount, 3, 'a forced save writes');
  });

  it('saves a cleared state as empty and a deleted one is gone', async () => {
    const storage = await LowdbStorage.open();
    const state = jsonConversationState(storage);
    const draft = state.createProperty<Draft>('draft');
    const first = turn('pothole');
    await draft.set(first, { step: 'location' });
    await state.saveChanges(first);
    assert.equal(storage.size, 1);

    const cancel = turn('cancel');
    await state.clear(cancel);
    assert.deepEqual(state.get(cancel), {});
    await state.saveChanges(cancel);
    assert.equal(await draft.get(turn('hi')), undefined);
    assert.equal(storage.size, 0, 'an empty state is not kept');

    const again = turn('pothole');
    await draft.set(again, { step: 'details' });
    await state.saveChanges(again);
    await state.delete(turn('stop'));
    assert.equal(storage.size, 0);
    assert.equal(await draft.get(turn('hi')), undefined);
  });

  it('keeps user state per user across conversations, apart from conversation state', async () => {
    const storage = await LowdbStorage.open();
    const users = jsonUserState(storage);
    const conversations = jsonConversationState(storage);
    const language = users.createProperty<string>('language');
    const first = turn('hola', 'c-1', 'u-1');
    await language.set(first, 'es');
    await users.saveChanges(first);
    await conversations.saveChanges(first);

    assert.equal(await language.get(turn('hola', 'c-9', 'u-1')), 'es');
    assert.equal(await language.get(turn('hello', 'c-1', 'u-2')), undefined);
    assert.deepEqual(await conversations.load(turn('x', 'c-1', 'u-1')), {});
  });

  it('refuses an activity without a conversation, with a clear error', async () => {
    const storage = await LowdbStorage.open();
    const state = jsonConversationState(storage);
    const context = new TurnContext(adapter, { type: 'message', text: 'hi', channelId: 'sms' });
    await assert.rejects(state.load(context), /conversation\.id/);
  });
});
