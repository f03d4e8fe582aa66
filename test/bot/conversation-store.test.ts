import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLowdbConversationStore } from '../../bot/conversation-store.js';

const ref = (conversationId: string, userId: string, channelId = 'sms') => ({
  channelId,
  activityId: 'SM-not-kept',
  serviceUrl: 'https://311.example.org',
  conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
  user: { id: userId, name: '' },
  bot: { id: '+12155550100', name: '' },
});

describe('lowdb conversation store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conversations-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('finds a stored reference by conversation and by user (latest first) after a restart', async () => {
    const file = join(dir, 'conversations.json');
    let now = Date.parse('2026-11-23T12:00:00Z');
    const clock = () => new Date(now);
    const store = await createLowdbConversationStore(file, clock);
    await store.save(ref('D1', 'U1', 'slack'));
    now += 1000;
    await store.save(ref('C9:1700000000.000100', 'U1', 'slack'));
    await store.save(ref('+12155550111', '+12155550111'));

    const reopened = await createLowdbConversationStore(file, clock);
    const byId = await reopened.get('sms', '+12155550111');
    assert.equal(byId?.user?.id, '+12155550111');
    assert.equal(byId?.activityId, undefined, 'message ids are not kept');
    assert.equal((await reopened.findByUser('slack', 'U1'))?.conversation?.id, 'C9:1700000000.000100');
    assert.equal(await reopened.get('x', '+12155550111'), undefined);
    assert.equal(await reopened.findByUser('sms', 'nobody'), undefined);
  });
});
