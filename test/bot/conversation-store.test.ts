import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConversationStoreError,
  createLowdbConversationStore,
  createMemoryConversationStore,
} from '../../bot/conversation-store.js';

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
  it('writes each new conversation durably before save resolves, many saves sharing a few writes', async () => {
    const file = join(dir, 'conversations.json');
    const store = await createLowdbConversationStore(file);
    const saves = Array.from({ length: 500 }, (_, i) =>
      store.save(ref(`+1215555${1000 + i}`, `+1215555${1000 + i}`)),
    );
    await Promise.all(saves);
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { conversations: Record<string, unknown> };
    assert.equal(Object.keys(onDisk.conversations).length, 500, 'every saved reference is in the file');
    await store.save(ref('+12155559999', '+12155559999'));
    const again = JSON.parse(await readFile(file, 'utf8')) as { conversations: Record<string, unknown> };
    assert.ok(again.conversations['sms:+12155559999'], 'a save resolves only once it is on disk');
    const text = await readFile(file, 'utf8');
    const lines = text.split('\n');
    assert.equal(
      lines.filter((line) => line.startsWith('"sms:')).length,
      501,
      'compact: one conversation a line',
    );
    await store.close();
  });

  it('reads the indented file earlier versions wrote', async () => {
    const file = join(dir, 'conversations.json');
    const old = {
      conversations: {
        'sms:+12155550111': {
          reference: ref('+12155550111', '+12155550111'),
          updatedAt: new Date().toISOString(),
        },
      },
    };
    await writeFile(file, JSON.stringify(old, null, 2));
    const store = await createLowdbConversationStore(file);
    assert.equal((await store.findByUser('sms', '+12155550111'))?.conversation?.id, '+12155550111');
  });

  it('forgets references unused for longer than the retention time, on open and as it runs', async () => {
    const file = join(dir, 'conversations.json');
    let now = Date.parse('2026-01-01T12:00:00Z');
    const clock = () => new Date(now);
    const store = await createLowdbConversationStore(file, { clock, retentionDays: 30 });
    await store.save(ref('+12155550111', '+12155550111'));
    now += 20 * 24 * 3600_000;
    await store.save(ref('+12155550122', '+12155550122'));
    now += 15 * 24 * 3600_000; // 35 days after the first, 15 after the second
    await store.save(ref('+12155550133', '+12155550133'));
    assert.equal(await store.get('sms', '+12155550111'), undefined, 'dropped after 30 days unused');
    assert.equal((await store.get('sms', '+12155550122'))?.user?.id, '+12155550122');

    now += 20 * 24 * 3600_000; // the second is now 35 days old
    const reopened = await createLowdbConversationStore(file, { clock, retentionDays: 30 });
    assert.equal(await reopened.findByUser('sms', '+12155550122'), undefined);
    assert.equal((await reopened.findByUser('sms', '+12155550133'))?.user?.id, '+12155550133');
  });

  it('a conversation in use is kept past the retention time (a use refreshes it)', async () => {
    let now = Date.parse('2026-01-01T12:00:00Z');
    const store = createMemoryConversationStore(() => new Date(now), 30);
    for (let day = 0; day < 90; day += 2) {
      now = Date.parse('2026-01-01T12:00:00Z') + day * 24 * 3600_000;
      await store.save(ref('+12155550111', '+12155550111'));
    }
    now += 2 * 3600_000 * 24;
    await store.save(ref('+12155550199', '+12155550199'));
    assert.equal((await store.get('sms', '+12155550111'))?.user?.id, '+12155550111');
  });

  it('refuses to open a corrupt file with an error naming it, and leaves the file alone', async () => {
    const file = join(dir, 'conversations.json');
    await writeFile(file, '{"conversations": {"sms:1": ');
    await assert.rejects(createLowdbConversationStore(file), (error: unknown) => {
      assert.ok(error instanceof ConversationStoreError);
      assert.equal(error.code, 'UNREADABLE');
      assert.match(error.message, /conversations\.json/);
      return true;
    });
    assert.equal(await readFile(file, 'utf8'), '{"conversations": {"sms:1": ');
  });
});
