import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import type { Clock } from '../../bot/clock.js';
import type { ActivityPage, DirectLineStore } from '../../channels/directline/index.js';

/**
 * The behaviour every DirectLineStore must have, whatever it keeps
 * conversations in (process memory, PostgreSQL). A store calls
 * `describeDirectLineStoreContract('its name', makeStore)`.
 */
export interface DirectLineStoreUnderTest {
  readonly store: DirectLineStore;
  /** Another store over the same conversations: a second instance (with `shared`). */
  readonly openAnother?: () => Promise<DirectLineStore>;
  cleanup(): Promise<void>;
}

export type MakeDirectLineStore = (options: {
  readonly clock: Clock;
  readonly maxActivities: number;
  readonly idleMs: number;
}) => Promise<DirectLineStoreUnderTest>;

export const START = Date.parse('2026-03-02T15:00:00.000Z');
const SECOND = 1_000;
const IDLE_MS = 60 * SECOND;
const MAX_ACTIVITIES = 4;

let conversations = 0;
/** A fresh conversation id per test (ids are random in production too). */
const newId = () => `conv-${process.pid}-${Date.now().toString(36)}-${++conversations}`;

/** What the adapter appends: a resident's message or a bot reply. */
export function message(
  text: string,
  role: 'user' | 'bot' = 'user',
  extra: Partial<Activity> = {},
): Activity {
  return {
    type: 'message',
    text,
    channelId: 'directline',
    from:
      role === 'user'
        ? { id: 'w_resident', name: '', role: 'user' }
        : { id: 'bot', name: 'Bot', role: 'bot' },
    conversation: { id: 'ignored', isGroup: false, conversationType: 'personal', name: '' },
    ...extra,
  } as Activity;
}

const textsOf = (page: ActivityPage | undefined) => page?.activities.map((a) => a.text) ?? [];

/** Pages a listener got, and a wait for a number of activities (stores may deliver asynchronously). */
export function recorder() {
  const pages: ActivityPage[] = [];
  const texts = () => pages.flatMap((p) => p.activities.map((a) => a.text));
  return {
    pages,
    texts,
    listener: (page: ActivityPage) => {
      pages.push(page);
    },
    async until(count: number, ms = 3_000): Promise<string[]> {
      const deadline = Date.now() + ms;
      while (texts().length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      return texts();
    },
  };
}

/** `shared`: the store's conversations are shared by instances (`openAnother` opens a second one). */
export function describeDirectLineStoreContract(
  name: string,
  make: MakeDirectLineStore,
  options: { readonly shared?: boolean } = {},
): void {
  describe(`DirectLineStore contract: ${name}`, () => {
    let now: number;
    const clock: Clock = () => new Date(now);
    let subject: DirectLineStoreUnderTest;
    let store: DirectLineStore;
    const others: DirectLineStore[] = [];

    beforeEach(async () => {
      now = START;
      subject = await make({ clock, maxActivities: MAX_ACTIVITIES, idleMs: IDLE_MS });
      store = subject.store;
    });
    afterEach(async () => {
      for (const other of others.splice(0)) await other.close();
      await store.close();
      await subject.cleanup();
    });

    it('opens a conversation once: a second open finds it with the user and staff flag of the first', async () => {
      const id = newId();
      const first = await store.open(id, 'w_alice', false);
      assert.equal(first.created, true);
      assert.deepEqual(
        [first.conversation.id, first.conversation.userId, first.conversation.staff],
        [id, 'w_alice', false],
      );
      const again = await store.open(id, 'w_mallory', true);
      assert.equal(again.created, false);
      assert.deepEqual([again.conversation.userId, again.conversation.staff], ['w_alice', false]);
      assert.equal((await store.get(id))?.userId, 'w_alice');
      assert.equal(await store.get(newId()), undefined, 'an unknown conversation is absent');
      assert.equal((await store.open(newId(), 'w_staff', true)).conversation.staff, true);
    });

    it('numbers activities from 0: ids and watermarks say how many came before, pages resume after a watermark', async () => {
      const id = newId();
      await store.open(id, 'w_alice', false);
      assert.deepEqual(await store.after(id, undefined), { activities: [], watermark: '0' });
      const first = await store.append(id, message('pothole on Spruce', 'user', { id: 'client-chosen' }));
      const second = await store.append(id, message('Where is it?', 'bot'));
      assert.equal(first, `${id}|0000000`);
      assert.equal(second, `${id}|0000001`);
      const all = await store.after(id, undefined);
      assert.deepEqual(textsOf(all), ['pothole on Spruce', 'Where is it?']);
      assert.equal(all?.watermark, '2');
      assert.deepEqual(
        all?.activities.map((a) => a.id),
        [first, second],
        'the id is ours, never the one the activity came with',
      );
      assert.equal(all?.activities[0]?.from.id, 'w_resident');
      assert.deepEqual(textsOf(await store.after(id, '1')), ['Where is it?']);
      assert.deepEqual(await store.after(id, '2'), { activities: [], watermark: '2' });
      assert.deepEqual(await store.after(id, '9'), { activities: [], watermark: '2' });
      assert.deepEqual(
        textsOf(await store.after(id, '-')),
        ['pothole on Spruce', 'Where is it?'],
        'not a count: all',
      );
    });

    it('keeps the newest activities of a conversation only, numbers going on', async () => {
      const id = newId();
      await store.open(id, 'w_alice', false);
      for (const n of [1, 2, 3, 4, 5, 6]) await store.append(id, message(`message ${n}`));
      const kept = await store.after(id, undefined);
      assert.deepEqual(textsOf(kept), ['message 3', 'message 4', 'message 5', 'message 6']);
      assert.equal(kept?.watermark, '6');
      assert.deepEqual(textsOf(await store.after(id, '1')), [
        'message 3',
        'message 4',
        'message 5',
        'message 6',
      ]);
      assert.deepEqual(textsOf(await store.after(id, '4')), ['message 5', 'message 6']);
      assert.equal(await store.append(id, message('message 7')), `${id}|0000006`);
    });

    it('keeps conversations apart', async () => {
      const a = newId();
      const b = newId();
      await store.open(a, 'w_alice', false);
      await store.open(b, 'w_bob', false);
      await store.append(a, message('for a'));
      await store.append(b, message('for b'));
      assert.deepEqual(textsOf(await store.after(a, undefined)), ['for a']);
      assert.deepEqual(textsOf(await store.after(b, undefined)), ['for b']);
      assert.equal(
        await store.append(newId(), message('nobody')),
        undefined,
        'no conversation, nothing stored',
      );
      assert.equal(await store.after(newId(), undefined), undefined);
    });

    it('drops a conversation idle too long: gone for every call, and its id starts afresh', async () => {
      const used = newId();
      const idle = newId();
      await store.open(used, 'w_alice', false);
      await store.open(idle, 'w_bob', false);
      await store.append(idle, message('hello'));
      now += 40 * SECOND;
      assert.ok(await store.get(used), 'reading it marks it used');
      now += 40 * SECOND;
      assert.ok(await store.get(used), 'used 40 s ago: kept');
      assert.equal(await store.get(idle), undefined, 'untouched for 80 s: gone');
      assert.equal(await store.after(idle, undefined), undefined);
      assert.equal(await store.append(idle, message('late')), undefined);
      assert.equal(await store.addUploads(idle, 1, 10), false);
      const reopened = await store.open(idle, 'w_carol', false);
      assert.equal(reopened.created, true);
      assert.equal(reopened.conversation.userId, 'w_carol');
      assert.deepEqual(await store.after(idle, undefined), { activities: [], watermark: '0' });
      now += 61 * SECOND;
      assert.ok((await store.sweep()) >= 2, 'the sweep drops both idle conversations');
      assert.equal(await store.get(used), undefined);
    });

    it('replays what a subscriber missed, then hands it each new activity once, in order, until it stops', async () => {
      const id = newId();
      await store.open(id, 'w_alice', false);
      await store.append(id, message('one'));
      await store.append(id, message('two'));
      const rec = recorder();
      const stop = await store.subscribe(id, '1', rec.listener);
      assert.deepEqual(rec.pages, [
        { activities: [(await store.after(id, '1'))?.activities[0]], watermark: '2' },
      ]);
      await store.append(id, message('three', 'bot'));
      await store.append(id, message('four'));
      assert.deepEqual(await rec.until(3), ['two', 'three', 'four']);
      assert.deepEqual(
        rec.pages.slice(1).map((p) => [p.activities.map((a) => a.id), p.watermark]),
        [
          [[`${id}|0000002`], '3'],
          [[`${id}|0000003`], '4'],
        ],
      );
      stop();
      await store.append(id, message('five'));
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(rec.texts(), ['two', 'three', 'four'], 'nothing after it stopped');
      const fromStart = recorder();
      (await store.subscribe(id, undefined, fromStart.listener))();
      assert.deepEqual(fromStart.texts(), ['two', 'three', 'four', 'five'], 'no watermark: everything kept');
    });

    it('numbers activities appended at once without gaps or repeats, and a subscriber gets each once in order', async () => {
      const id = newId();
      await store.open(id, 'w_alice', false);
      const rec = recorder();
      const stop = await store.subscribe(id, '0', rec.listener);
      const ids = await Promise.all([1, 2, 3, 4].map((n) => store.append(id, message(`m${n}`))));
      assert.deepEqual(
        [...ids].sort(),
        [0, 1, 2, 3].map((n) => `${id}|000000${n}`),
      );
      await rec.until(4);
      assert.deepEqual(
        rec.pages.map((p) => p.watermark),
        ['1', '2', '3', '4'],
      );
      assert.deepEqual(
        rec.pages.map((p) => p.activities[0]?.id),
        [0, 1, 2, 3].map((n) => `${id}|000000${n}`),
      );
      stop();
    });

    it('counts photos against a limit: a batch that would go over is refused whole', async () => {
      const id = newId();
      await store.open(id, 'w_alice', false);
      assert.equal(await store.addUploads(id, 3, 10), true);
      assert.equal(await store.addUploads(id, 6, 10), true);
      assert.equal(await store.addUploads(id, 2, 10), false);
      assert.equal(await store.addUploads(id, 1, 10), true);
      assert.equal(await store.addUploads(id, 1, 10), false);
      assert.equal(await store.addUploads(newId(), 1, 10), false, 'no conversation');
    });

    // Only where instances share the store: memory is one process's own.
    if (options.shared)
      it('shares conversations between instances: started on one, appended through the other, streamed on the first', async () => {
        assert.ok(subject.openAnother, 'a shared store opens another instance');
        const other = await subject.openAnother();
        others.push(other);
        const id = newId();
        await store.open(id, 'w_alice', false);
        const seen = await other.get(id);
        assert.equal(seen?.userId, 'w_alice');
        assert.equal((await other.open(id, 'w_alice', false)).created, false);
        const rec = recorder();
        const stop = await store.subscribe(id, undefined, rec.listener);
        await other.append(id, message('posted through B'));
        await store.append(id, message('answered on A', 'bot'));
        await other.append(id, message('notice sent by B', 'bot'));
        assert.deepEqual(await rec.until(3), ['posted through B', 'answered on A', 'notice sent by B']);
        assert.deepEqual(
          rec.pages.map((p) => p.watermark),
          ['1', '2', '3'],
        );
        assert.deepEqual(textsOf(await other.after(id, '1')), ['answered on A', 'notice sent by B']);
        assert.equal(await other.addUploads(id, 10, 10), true);
        assert.equal(await store.addUploads(id, 1, 10), false, 'one limit for both instances');
        stop();
      });
  });
}
