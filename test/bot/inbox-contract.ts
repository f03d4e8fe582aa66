import assert from 'node:assert/strict';
import type { Clock } from '../../bot/clock.js';
import type { Inbox, InboxMessage } from '../../bot/inbox.js';

/**
 * The behaviour every Inbox must have, whatever it stores in (JSON-lines file,
 * PostgreSQL). A store calls `describeInboxContract('its name', makeInbox)`.
 */
export interface InboxUnderTest {
  readonly inbox: Inbox;
  /**
   * Another inbox over the same storage. With `sharedStorage` it runs beside
   * the first (a second instance); otherwise the caller closes the first
   * before opening it (a restarted process: one process per DATA_DIR).
   */
  open(): Promise<Inbox>;
  readonly sharedStorage: boolean;
  cleanup(): Promise<void>;
}

export type MakeInbox = (options: { readonly clock: Clock }) => Promise<InboxUnderTest>;

export const START = Date.parse('2026-11-21T09:00:00.000Z');
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const LEASE = 30 * SECOND;

/** What a Twilio webhook turns into: enough to run the turn again. */
export function smsPayload(text: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'message', channelId: 'sms', from: { id: 'sms-user-1' }, text, ...overrides };
}

const sms = (id: string, text = 'is trash pickup delayed this week') => ({
  channel: 'sms',
  id,
  payload: smsPayload(text),
});

const ids = (messages: readonly InboxMessage[]) => messages.map((m) => `${m.channel}:${m.id}`);

export function describeInboxContract(name: string, makeInbox: MakeInbox): void {
  describe(`Inbox contract: ${name}`, () => {
    let now: number;
    const clock: Clock = () => new Date(now);
    const tick = (ms: number) => {
      now += ms;
    };
    let subject: InboxUnderTest;
    let inbox: Inbox;
    let opened: Inbox[];

    beforeEach(async () => {
      now = START;
      subject = await makeInbox({ clock });
      inbox = subject.inbox;
      opened = [inbox];
    });
    afterEach(async () => {
      for (const i of opened) await i.close();
      await subject.cleanup();
    });

    /** The inbox a restarted process opens: the old one is closed first. */
    const restart = async (): Promise<Inbox> => {
      await inbox.close();
      inbox = await subject.open();
      opened.push(inbox);
      return inbox;
    };
    /** Two inboxes claiming at once: two instances where storage is shared, else one inbox twice. */
    const twoInstances = async (): Promise<[Inbox, Inbox]> => {
      if (!subject.sharedStorage) return [inbox, inbox];
      const other = await subject.open();
      opened.push(other);
      return [inbox, other];
    };

    it('takes a new id once: its retry is a duplicate, the same id on another channel is new', async () => {
      assert.equal(await inbox.accept(sms('SM001'), LEASE), 'new');
      assert.equal(await inbox.accept(sms('SM001', 'a retry carries the same body'), LEASE), 'duplicate');
      assert.equal(await inbox.accept({ ...sms('SM001'), channel: 'slack' }, LEASE), 'new');
      assert.equal(await inbox.accept(sms('SM002'), LEASE), 'new');
      const [a, b] = await Promise.all([
        inbox.accept(sms('SM003'), LEASE),
        inbox.accept(sms('SM003'), LEASE),
      ]);
      assert.deepEqual([a, b].sort(), ['duplicate', 'new'], 'two deliveries at once: one runs');
    });

    it('keeps a done message a duplicate, never hands it out again, and ignores done of unknown ids', async () => {
      await inbox.accept(sms('SM001'), LEASE);
      await inbox.done('sms', 'SM001');
      await inbox.done('sms', 'SM001');
      await inbox.done('sms', 'SM404');
      await inbox.done('x', 'SM001');
      assert.equal(await inbox.accept(sms('SM001'), LEASE), 'duplicate');
      tick(HOUR);
      assert.deepEqual(await inbox.claimPending(10, LEASE), []);
      assert.equal(await inbox.accept(sms('SM404'), LEASE), 'new', 'done of an unknown id stored nothing');
    });

    it('after a restart, still knows every id and still has the pending messages', async () => {
      await inbox.accept(sms('SM-done'), LEASE);
      await inbox.done('sms', 'SM-done');
      await inbox.accept(sms('SM-pending', 'the streetlight on my block is out'), LEASE);
      const receivedAt = clock().toISOString();
      tick(SECOND);
      const reopened = await restart();
      assert.equal(await reopened.accept(sms('SM-done'), LEASE), 'duplicate');
      assert.equal(await reopened.accept(sms('SM-pending'), LEASE), 'duplicate');
      tick(LEASE);
      assert.deepEqual(await reopened.claimPending(10, LEASE), [
        { ...sms('SM-pending', 'the streetlight on my block is out'), receivedAt, attempts: 2 },
      ]);
    });

    it('holds a message whose lease is extended while it runs, and lets it go once the extension runs out', async () => {
      await inbox.accept(sms('SM-long'), 30 * SECOND);
      tick(20 * SECOND);
      await inbox.extend('sms', 'SM-long', 30 * SECOND); // until +50 s
      tick(20 * SECOND); // +40 s: past the first lease, within the extension
      assert.deepEqual(await inbox.claimPending(10, LEASE), []);
      tick(20 * SECOND); // +60 s
      assert.deepEqual(ids(await inbox.claimPending(10, LEASE)), ['sms:SM-long']);
      await inbox.done('sms', 'SM-long');
      await inbox.extend('sms', 'SM-long', HOUR); // done: ignored
      await inbox.extend('sms', 'SM-unknown', HOUR); // unknown: ignored
      tick(HOUR);
      assert.deepEqual(await inbox.claimPending(10, LEASE), []);
    });

    it('hands out only pending messages whose lease ran out, oldest first, at most `limit`, counting attempts', async () => {
      await inbox.accept(sms('SM-a'), 30 * SECOND); // leased until +30 s
      tick(SECOND);
      await inbox.accept(sms('SM-b'), 10 * MINUTE); // until +10 min
      tick(SECOND);
      await inbox.accept(sms('SM-c'), 10 * SECOND); // until +12 s
      tick(SECOND);
      await inbox.accept(sms('SM-d'), 0);
      await inbox.done('sms', 'SM-d');
      assert.deepEqual(await inbox.claimPending(10, LEASE), [], 'no lease has run out yet (+3 s)');

      tick(40 * SECOND); // +43 s
      const first = await inbox.claimPending(10, MINUTE);
      assert.deepEqual(ids(first), ['sms:SM-a', 'sms:SM-c']);
      assert.deepEqual(
        first.map((m) => [m.receivedAt, m.attempts]),
        [
          [new Date(START).toISOString(), 2],
          [new Date(START + 2 * SECOND).toISOString(), 2],
        ],
      );
      assert.deepEqual(await inbox.claimPending(10, MINUTE), [], 'claimed ones are leased to the claimer');

      tick(20 * MINUTE);
      const limited = await inbox.claimPending(2, MINUTE);
      assert.deepEqual(ids(limited), ['sms:SM-a', 'sms:SM-b'], 'oldest first, two at most');
      assert.deepEqual(
        limited.map((m) => m.attempts),
        [3, 2],
      );
      const rest = await inbox.claimPending(2, MINUTE);
      assert.deepEqual(ids(rest), ['sms:SM-c']);
      assert.equal(rest[0]!.attempts, 3);
      assert.deepEqual(await inbox.claimPending(0, MINUTE), []);
    });

    it('never hands one message to two claimers at once', async () => {
      const [a, b] = await twoInstances();
      const all = Array.from({ length: 40 }, (_, i) => `SM${String(i).padStart(3, '0')}`);
      for (const id of all) await inbox.accept(sms(id), 0);
      const claimed: InboxMessage[] = [];
      for (;;) {
        const round = await Promise.all([
          a.claimPending(7, MINUTE),
          b.claimPending(7, MINUTE),
          a.claimPending(3, MINUTE),
          b.claimPending(5, MINUTE),
        ]);
        if (round.every((r) => r.length === 0)) break;
        claimed.push(...round.flat());
      }
      assert.deepEqual(
        ids(claimed).sort(),
        all.map((id) => `sms:${id}`),
      );
      assert.ok(
        claimed.every((m) => m.attempts === 2),
        'each handed out once',
      );
    });

    it('prunes only done messages accepted longer ago than it is given; pending ones stay', async () => {
      await inbox.accept(sms('SM-old-done'), LEASE);
      await inbox.done('sms', 'SM-old-done');
      await inbox.accept(sms('SM-old-pending'), LEASE);
      tick(2 * HOUR);
      await inbox.accept(sms('SM-new-done'), LEASE);
      await inbox.done('sms', 'SM-new-done');
      tick(MINUTE);

      assert.equal(await inbox.prune(HOUR), 1);
      assert.equal(await inbox.prune(HOUR), 0);
      assert.equal(await inbox.accept(sms('SM-new-done'), LEASE), 'duplicate');
      assert.equal(await inbox.accept(sms('SM-old-pending'), LEASE), 'duplicate');
      assert.deepEqual(ids(await inbox.claimPending(10, LEASE)), ['sms:SM-old-pending']);
      assert.equal(await inbox.accept(sms('SM-old-done'), LEASE), 'new', 'a pruned id is forgotten');
    });

    it('gives back the payload as it was accepted: nested values and any script or emoji', async () => {
      const payload = {
        type: 'message',
        text: 'Bache enorme en la calle 5ª 🚧 — ¿cuándo lo arreglan? 路灯坏了 ضوء الشارع',
        attachments: [{ contentType: 'image/jpeg', contentUrl: 'https://api.twilio.com/media/ME1' }],
        channelData: { NumMedia: '1', nested: { deeper: [1, 2.5, -3, true, false, null, { empty: {} }] } },
        combining: 'e\u0301 n\u0303',
        quotes: 'she said "hi" \\ back\nslash',
      };
      await inbox.accept({ channel: 'sms', id: 'SM-unicode', payload }, 0);
      await inbox.accept({ channel: 'x', id: 'DM-1', payload: 'a bare string' }, 0);
      const reopened = await restart();
      const claimed = await reopened.claimPending(10, LEASE);
      assert.deepEqual(
        claimed.map((m) => m.payload),
        [payload, 'a bare string'],
      );
    });
  });
}
