import assert from 'node:assert/strict';
import type { Storage, StoreItem } from 'botbuilder';
import type { Clock } from '../../bot/clock.js';
import { StorageError } from '../../bot/lowdb-storage.js';

/**
 * What every bot state store (botbuilder `Storage`) must do, whatever keeps it:
 * run by test/bot/lowdb-storage.test.ts and by
 * test/storage/postgres/bot-state-storage.test.ts. The caller gives each test
 * empty storage (a fresh folder, a truncated table).
 */
export interface StateStorageUnderTest extends Storage {
  /** Drops idle state now; returns how many entries went. */
  sweep(): number | Promise<number>;
  close(): Promise<void>;
}

export interface StateStorageOptions {
  readonly clock: Clock;
  readonly idleMs?: number;
}

export interface StateStorageSubject {
  /** Opens a store over this test's storage; each call is another instance over the same storage. */
  open(options: StateStorageOptions): Promise<StateStorageUnderTest>;
  /** How many entries the storage holds. */
  stored(): Promise<number>;
  /**
   * True when two instances can be open at once over one storage (a database).
   * False for a store one process owns (a file): "another instance" is then
   * the next process, opened after the first closed.
   */
  readonly concurrentInstances: boolean;
}

const CONV = 'sms/conversations/+15550001111';
const USER = 'sms/users/+15550001111';
const idleMs = 30 * 60_000;

const isConflict = (e: unknown) => e instanceof StorageError && e.code === 'ETAG_CONFLICT';

export function describeBotStateStorageContract(name: string, make: () => StateStorageSubject): void {
  describe(`${name} (bot state storage contract)`, () => {
    let subject: StateStorageSubject;
    let now: number;
    const clock = () => new Date(now);
    const opened: StateStorageUnderTest[] = [];
    const open = async (options: Partial<StateStorageOptions> = {}) => {
      const storage = await subject.open({ clock, ...options });
      opened.push(storage);
      return storage;
    };
    /** A second instance over the same storage: alongside the first, or after it closed. */
    const another = async (first: StateStorageUnderTest, options: Partial<StateStorageOptions> = {}) => {
      if (!subject.concurrentInstances) await first.close();
      return open(options);
    };

    beforeEach(() => {
      subject = make();
      now = Date.parse('2026-03-02T12:00:00Z');
    });
    afterEach(async () => {
      for (const storage of opened.splice(0)) await storage.close();
    });

    describe('eTags', () => {
      const cases: { name: string; eTag: (stored: string) => string | undefined; ok: boolean }[] = [
        { name: 'the current eTag', eTag: (s) => s, ok: true },
        { name: "'*'", eTag: () => '*', ok: true },
        { name: 'no eTag', eTag: () => undefined, ok: true },
        { name: 'a stale eTag', eTag: () => 'stale-1', ok: false },
      ];
      for (const c of cases) {
        it(`a write with ${c.name} ${c.ok ? 'overwrites' : 'fails with ETAG_CONFLICT and changes nothing'}`, async () => {
          const storage = await open();
          await storage.write({ [CONV]: { step: 1 } });
          const stored = (await storage.read([CONV]))[CONV];
          const eTag = c.eTag(stored.eTag);
          const write = storage.write({ [CONV]: { step: 2, ...(eTag ? { eTag } : {}) } });
          if (c.ok) await write;
          else await assert.rejects(write, isConflict);
          assert.equal((await storage.read([CONV]))[CONV].step, c.ok ? 2 : 1);
        });
      }

      it('gives every write a new eTag, so the second of two writers holding the same eTag loses', async () => {
        const storage = await open();
        await storage.write({ [CONV]: { n: 0 } });
        const first = (await storage.read([CONV]))[CONV];
        const second = (await storage.read([CONV]))[CONV];
        await storage.write({ [CONV]: { ...first, n: 1 } });
        const after = (await storage.read([CONV]))[CONV];
        assert.notEqual(after.eTag, first.eTag);
        await assert.rejects(storage.write({ [CONV]: { ...second, n: 2 } }), isConflict);
        assert.equal((await storage.read([CONV]))[CONV].n, 1);
      });

      it('a batch with one conflicting item writes none of it', async () => {
        const storage = await open();
        await storage.write({ [CONV]: { n: 1 } });
        await assert.rejects(
          storage.write({ [USER]: { lang: 'es' }, [CONV]: { n: 2, eTag: 'old' } }),
          isConflict,
        );
        assert.deepEqual(await storage.read([USER]), {});
        assert.equal((await storage.read([CONV]))[CONV].n, 1);
      });

      it('emptying an item with a stale eTag fails too, and the item stays', async () => {
        const storage = await open();
        await storage.write({ [CONV]: { dialogState: { dialogStack: [{ id: 'intake' }] } } });
        await assert.rejects(
          storage.write({ [CONV]: { dialogState: { dialogStack: [] }, eTag: 'old' } }),
          isConflict,
        );
        assert.deepEqual((await storage.read([CONV]))[CONV].dialogState, { dialogStack: [{ id: 'intake' }] });
      });
    });

    describe('reads, writes and deletes', () => {
      it('returns copies: changing what was read does not change what is stored', async () => {
        const storage = await open();
        await storage.write({ [CONV]: { list: [1] } });
        (await storage.read([CONV]))[CONV].list.push(2);
        assert.deepEqual((await storage.read([CONV]))[CONV].list, [1]);
      });

      it('reads only keys that exist and deletes', async () => {
        const storage = await open();
        await storage.write({ [CONV]: { a: 1 }, [USER]: { b: 2 } });
        await storage.delete([CONV]);
        assert.deepEqual(Object.keys(await storage.read([CONV, USER, 'x/conversations/none'])), [USER]);
        assert.deepEqual(await storage.read([]), {});
      });

      it('keeps nested state and text in any script as written', async () => {
        const storage = await open();
        const draft = {
          dialogState: {
            dialogStack: [{ id: 'intake', state: { values: { n: 2.5, ok: true, none: null } } }],
          },
          text: '¿Dónde está mi bote de basura? “9” 🗑️ 垃圾',
        };
        await storage.write({ [CONV]: draft });
        const { eTag, ...back } = (await storage.read([CONV]))[CONV] as StoreItem;
        assert.equal(typeof eTag, 'string');
        assert.deepEqual(back, draft);
      });

      it('refuses writes after close', async () => {
        const storage = await open();
        await storage.close();
        await assert.rejects(
          storage.write({ [CONV]: { a: 1 } }),
          (e: unknown) => e instanceof StorageError && e.code === 'CLOSED',
        );
      });
    });

    describe('what is kept', () => {
      it('keeps no conversation whose state is empty (no dialog in progress) and no empty user state', async () => {
        const storage = await open();
        await storage.write({ [CONV]: { dialogState: { dialogStack: [{ id: 'main', state: {} }] } } });
        assert.equal(await subject.stored(), 1);
        const stored = (await storage.read([CONV]))[CONV];
        await storage.write({ [CONV]: { ...stored, dialogState: { dialogStack: [] } }, [USER]: {} });
        assert.equal(await subject.stored(), 0);
        assert.deepEqual(await storage.read([CONV, USER]), {});
        // The next turn starts afresh, as botbuilder does for a new conversation.
        await storage.write({ [CONV]: { dialogState: { dialogStack: [{ id: 'main' }] } } });
        assert.equal(await subject.stored(), 1);
      });

      it('keeps state holding a value, even a zero, false or empty string', async () => {
        const storage = await open();
        await storage.write({
          a: { count: 0 },
          b: { optedIn: false },
          c: { name: '' },
          d: { list: [[], {}] },
        });
        assert.deepEqual(Object.keys(await storage.read(['a', 'b', 'c', 'd'])).sort(), ['a', 'b', 'c']);
      });
    });

    describe('idle expiry', () => {
      it('drops conversation state idle longer than the limit, keeps user state and fresh conversations', async () => {
        const storage = await open({ idleMs });
        await storage.write({ [CONV]: { a: 1 }, [USER]: { lang: 'es' } });
        now += idleMs / 2;
        await storage.write({ 'sms/conversations/other': { b: 1 } });
        now += idleMs / 2 + 1;
        assert.equal(await storage.sweep(), 1);
        const items = await storage.read([CONV, USER, 'sms/conversations/other']);
        assert.deepEqual(Object.keys(items).sort(), ['sms/conversations/other', USER]);
        assert.equal(await subject.stored(), 2);
      });

      it('an expired conversation reads as absent even before the sweep, and can be written afresh', async () => {
        const storage = await open({ idleMs });
        await storage.write({ [CONV]: { a: 1 } });
        const old = (await storage.read([CONV]))[CONV];
        now += idleMs + 1;
        assert.deepEqual(await storage.read([CONV]), {});
        await storage.write({ [CONV]: { a: 2, eTag: old.eTag } });
        assert.equal((await storage.read([CONV]))[CONV].a, 2);
      });

      it('a conversation written within the limit stays, however long it has lasted', async () => {
        const storage = await open({ idleMs });
        for (let i = 0; i < 4; i++) {
          await storage.write({ [CONV]: { turn: i } });
          now += idleMs - 1;
        }
        assert.equal(await storage.sweep(), 0);
        assert.equal((await storage.read([CONV]))[CONV].turn, 3);
      });
    });

    describe('across instances', () => {
      it('a second store over the same storage sees the first one’s writes and honours its eTags', async () => {
        const first = await open();
        await first.write({ [CONV]: { step: 'location' }, [USER]: { lang: 'es' } });
        const held = (await first.read([CONV]))[CONV];
        const second = await another(first);
        const items = await second.read([CONV, USER]);
        assert.equal(items[CONV].step, 'location');
        assert.equal(items[USER].lang, 'es');
        assert.equal(items[CONV].eTag, held.eTag);
        await second.write({ [CONV]: { ...held, step: 'details' } });
        await assert.rejects(second.write({ [CONV]: { ...held, step: 'stale' } }), isConflict);
        assert.equal((await second.read([CONV]))[CONV].step, 'details');
      });

      it('two concurrent writes of one key with the same eTag: one succeeds, the other gets the conflict', async () => {
        const first = await open();
        await first.write({ [CONV]: { n: 0 } });
        const second = subject.concurrentInstances ? await open() : first;
        const a = (await first.read([CONV]))[CONV];
        const b = (await second.read([CONV]))[CONV];
        assert.equal(a.eTag, b.eTag);
        const results = await Promise.allSettled([
          first.write({ [CONV]: { ...a, n: 'a' } }),
          second.write({ [CONV]: { ...b, n: 'b' } }),
        ]);
        const won = results.findIndex((r) => r.status === 'fulfilled');
        const lost = results.find((r) => r.status === 'rejected');
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, 'exactly one write succeeds');
        assert.ok(lost && isConflict(lost.reason), 'the other gets ETAG_CONFLICT');
        assert.equal((await first.read([CONV]))[CONV].n, won === 0 ? 'a' : 'b');
      });

      it('writers that re-read and retry on a conflict lose no update', async () => {
        const first = await open();
        const second = subject.concurrentInstances ? await open() : first;
        await first.write({ [CONV]: { count: 0 } });
        let conflicts = 0;
        const increment = async (storage: StateStorageUnderTest, times: number) => {
          for (let done = 0; done < times; ) {
            const item = (await storage.read([CONV]))[CONV];
            try {
              await storage.write({ [CONV]: { ...item, count: item.count + 1 } });
              done++;
            } catch (error) {
              if (!isConflict(error)) throw error;
              conflicts++;
            }
          }
        };
        await Promise.all([increment(first, 15), increment(second, 15), increment(first, 15)]);
        assert.equal((await first.read([CONV]))[CONV].count, 45);
        assert.ok(conflicts > 0, 'the writers did overlap');
      });
    });
  });
}
