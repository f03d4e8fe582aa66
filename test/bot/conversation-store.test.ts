import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationStoreError, createLowdbConversationStore } from '../../bot/conversation-store.js';
import { describeConversationStoreContract, reference as ref } from './conversation-store-contract.js';

describe('lowdb conversation store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conversations-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  describeConversationStoreContract('lowdb conversation store', () => ({
    concurrentInstances: false,
    open: (options) => createLowdbConversationStore(join(dir, 'conversations.json'), options),
  }));

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
