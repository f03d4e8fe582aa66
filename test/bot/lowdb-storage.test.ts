import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbStorage, StorageError } from '../../bot/lowdb-storage.js';
import { describeBotStateStorageContract } from './bot-state-storage-contract.js';

const CONV = 'sms/conversations/+15550001111';
const USER = 'sms/users/+15550001111';

describe('LowdbStorage', () => {
  let dir: string;
  let now: number;
  const clock = () => new Date(now);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'state-'));
    now = Date.parse('2026-03-02T12:00:00Z');
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  describeBotStateStorageContract('LowdbStorage', () => {
    let last: LowdbStorage | undefined;
    return {
      concurrentInstances: false,
      async open(options) {
        last = await LowdbStorage.open({ ...options, file: join(dir, 'state.json') });
        return last;
      },
      stored: async () => last?.size ?? 0,
    };
  });

  describe('file', () => {
    it('survives a restart after close (nothing lost on a clean shutdown)', async () => {
      const file = join(dir, 'nested', 'state.json');
      const storage = await LowdbStorage.open({ file, clock, flushDelayMs: 60_000 });
      for (let i = 0; i < 100; i++) await storage.write({ [`web/conversations/${i}`]: { i } });
      await storage.close();
      const reopened = await LowdbStorage.open({ file, clock });
      const items = await reopened.read(['web/conversations/0', 'web/conversations/99']);
      assert.equal(items['web/conversations/99'].i, 99);
      assert.equal(reopened.size, 100);
      await reopened.close();
    });

    it('coalesces writes: 10,000 conversations are stored in well under a second per thousand', async () => {
      const file = join(dir, 'state.json');
      const storage = await LowdbStorage.open({ file, clock });
      const started = performance.now();
      for (let i = 0; i < 10_000; i++) {
        await storage.write({ [`sms/conversations/${i}`]: { dialogState: { stack: [] }, i } });
      }
      const elapsed = performance.now() - started;
      await storage.flush();
      assert.ok(elapsed < 2_000, `10,000 writes took ${Math.round(elapsed)} ms`);
      const saved = JSON.parse(await readFile(file, 'utf8')) as { items: Record<string, unknown> };
      assert.equal(Object.keys(saved.items).length, 10_000);
      await storage.close();
    });

    it('writes the file on its own shortly after a change', async () => {
      const file = join(dir, 'state.json');
      const storage = await LowdbStorage.open({ file, clock, flushDelayMs: 10 });
      await storage.write({ [CONV]: { a: 1 } });
      await new Promise((r) => setTimeout(r, 100));
      const saved = JSON.parse(await readFile(file, 'utf8')) as { items: Record<string, { value: object }> };
      assert.equal((saved.items[CONV]!.value as { a?: number }).a, 1);
      await storage.close();
    });

    it('reads a state file written with indentation (lowdb JSON) and keeps its eTags', async () => {
      const file = join(dir, 'state.json');
      const value = { dialogState: { dialogStack: [{ id: 'main' }] }, eTag: 'old-7' };
      await writeFile(
        file,
        JSON.stringify({ version: 1, items: { [CONV]: { value, touchedAt: now } } }, null, 2),
      );
      const storage = await LowdbStorage.open({ file, clock, idleMs: 60_000 });
      assert.deepEqual((await storage.read([CONV]))[CONV], value);
      await assert.rejects(storage.write({ [CONV]: { n: 1, eTag: 'old-6' } }), StorageError);
      await storage.close();
    });

    it('ignores a half-written temporary file left by a crash and writes over it', async () => {
      const file = join(dir, 'state.json');
      const storage = await LowdbStorage.open({ file, clock });
      await storage.write({ [CONV]: { a: 1 } });
      await storage.flush();
      const before = await readFile(file, 'utf8');
      await writeFile(join(dir, '.state.json.tmp'), '{"version":1,"items":{"half');
      const reopened = await LowdbStorage.open({ file, clock });
      assert.equal((await reopened.read([CONV]))[CONV].a, 1);
      await reopened.write({ [USER]: { lang: 'es' } });
      await reopened.close();
      assert.notEqual(await readFile(file, 'utf8'), before);
      assert.equal(JSON.parse(await readFile(file, 'utf8')).items[USER].value.lang, 'es');
      await storage.close();
    });

    it('writes 10,000 conversations with non-ASCII text and reads them all back', async () => {
      const file = join(dir, 'state.json');
      const storage = await LowdbStorage.open({ file, clock });
      for (let i = 0; i < 10_000; i++) {
        await storage.write({
          [`sms/conversations/${i}`]: { text: `¿Dónde está mi bote de basura? “${i}” 🗑️` },
        });
      }
      await storage.close();
      const reopened = await LowdbStorage.open({ file, clock });
      assert.equal(reopened.size, 10_000);
      assert.equal(
        (await reopened.read(['sms/conversations/9999']))['sms/conversations/9999'].text,
        '¿Dónde está mi bote de basura? “9999” 🗑️',
      );
      await reopened.close();
    });

    it('refuses a corrupt state file with an error naming it', async () => {
      const file = join(dir, 'state.json');
      await writeFile(file, '{ not json');
      await assert.rejects(
        LowdbStorage.open({ file }),
        (e: unknown) => e instanceof StorageError && e.code === 'UNREADABLE' && e.message.includes(file),
      );
    });
  });

  describe('idle expiry', () => {
    const idleMs = 30 * 60_000;

    it('the sweep also shrinks the file', async () => {
      const file = join(dir, 'state.json');
      const storage = await LowdbStorage.open({ file, clock, idleMs });
      for (let i = 0; i < 50; i++) await storage.write({ [`sms/conversations/${i}`]: { i } });
      now += idleMs + 1;
      storage.sweep();
      await storage.flush();
      const saved = JSON.parse(await readFile(file, 'utf8')) as { items: Record<string, unknown> };
      assert.equal(Object.keys(saved.items).length, 0);
      await storage.close();
    });
  });
});
