import assert from 'node:assert/strict';
import type {
  CorrectionsStore,
  CorrectionsStoreOptions,
  NewCorrection,
} from '../../bot/corrections-store.js';
import type { TopicId } from '../../knowledge/types.js';

/**
 * What every staff corrections store must do: run by
 * test/bot/corrections-store.test.ts (lowdb) and
 * test/storage/postgres/corrections-store.test.ts. The caller gives each test
 * empty storage.
 */
export interface CorrectionsStoreSubject {
  /** Opens a store over this test's storage; each call is another instance over the same storage. */
  open(options: CorrectionsStoreOptions): Promise<CorrectionsStore>;
  /** True when two instances can be open at once over one storage; false when the next instance is the next process. */
  readonly concurrentInstances: boolean;
}

const correction = (overrides: Partial<NewCorrection> = {}): NewCorrection => ({
  question: 'there is a hole in my street',
  outcome: 'no-match',
  answeredTopic: null,
  score: 0.125,
  correctTopic: 'pothole' as TopicId,
  by: 'staff',
  ...overrides,
});

export function describeCorrectionsStoreContract(name: string, make: () => CorrectionsStoreSubject): void {
  describe(`${name} (corrections store contract)`, () => {
    let subject: CorrectionsStoreSubject;
    let now: number;
    let ids: number;
    const options = (more: CorrectionsStoreOptions = {}): CorrectionsStoreOptions => ({
      clock: () => new Date(now),
      newId: () => `c-${++ids}`,
      ...more,
    });
    beforeEach(() => {
      subject = make();
      now = Date.parse('2026-11-23T12:00:00Z');
      ids = 0;
    });

    it('returns what it stored, and another instance lists it, newest first, exactly as returned', async () => {
      const store = await subject.open(options());
      const first = await store.add(correction());
      now += 1000;
      const second = await store.add(
        correction({
          question: '¿Dónde está mi bote de basura? 🗑️',
          outcome: 'answer',
          answeredTopic: 'trash-day' as TopicId,
          score: 0.8125,
          correctTopic: null,
          note: 'out of scope: a lost bin',
        }),
      );
      assert.deepEqual(first, { ...correction(), id: 'c-1', at: '2026-11-23T12:00:00.000Z' });
      assert.equal(second.at, '2026-11-23T12:00:01.000Z');
      const reader = await subject.open(options());
      assert.deepEqual(await reader.list(), [second, first]);
      assert.equal('note' in ((await reader.list())[1] ?? {}), false, 'no note stays no note');
    });

    it('lists nothing before the first correction', async () => {
      assert.deepEqual(await (await subject.open(options())).list(), []);
    });

    it('keeps at most `max`, dropping the oldest', async () => {
      const store = await subject.open(options({ max: 3 }));
      for (let i = 1; i <= 5; i++) await store.add(correction({ question: `question ${i}` }));
      const reader = await subject.open(options({ max: 3 }));
      assert.deepEqual(
        (await reader.list()).map((c) => c.question),
        ['question 5', 'question 4', 'question 3'],
      );
    });

    it('keeps every one of corrections made at the same moment', async () => {
      const first = await subject.open(options());
      const second = subject.concurrentInstances ? await subject.open(options()) : first;
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? first : second).add(correction({ question: `q${i}` }))),
      );
      const listed = await (await subject.open(options())).list();
      assert.deepEqual(
        listed.map((c) => c.question).sort(),
        Array.from({ length: 20 }, (_, i) => `q${i}`).sort(),
      );
      assert.equal(new Set(listed.map((c) => c.id)).size, 20);
    });
  });
}
