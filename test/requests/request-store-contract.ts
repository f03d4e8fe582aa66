import assert from 'node:assert/strict';
import type { ServiceCode } from '../../knowledge/types.js';
import { MAX_NOTICE_ATTEMPTS, NOTICE_RETRY_DELAYS_MS } from '../../requests/outbox.js';
import { RequestError } from '../../requests/request-error.js';
import type { TrackingNumberGenerator } from '../../requests/tracking-number.js';
import type { RequestStore, ServiceRequest, StatusChange, TrackingNumber } from '../../requests/types.js';

/**
 * The behaviour every RequestStore must have, whatever it stores in: lowdb
 * today, PostgreSQL later. A store implementation calls
 * `describeRequestStoreContract('its name', makeStore)`.
 */
export interface StoreUnderTest {
  readonly store: RequestStore;
  /** Opens a second store over the same storage, as a restarted process would (optionally with another generator). */
  reopen(newId?: TrackingNumberGenerator): Promise<RequestStore>;
  cleanup(): Promise<void>;
}

export interface StoreOptions {
  readonly newId: TrackingNumberGenerator;
  readonly clock: () => Date;
}

export type MakeStore = (options: StoreOptions) => Promise<StoreUnderTest>;

export interface ContractOptions {
  /**
   * Several instances may use one storage at once (a shared database), so
   * `reopen` gives a store that runs beside the first: adds the cases where
   * two instances race. lowdb is one process per folder and leaves it off.
   */
  readonly sharedByInstances?: boolean;
}

type CreateInput = Parameters<RequestStore['create']>[0];

export function newRequest(overrides: Partial<CreateInput> = {}): CreateInput {
  return {
    serviceCode: 'pothole' as ServiceCode,
    location: { address: '1234 Spruce St', lat: 39.9474, long: -75.1617 },
    description: 'Deep pothole in the right lane',
    attributes: { size: 'large' },
    requester: { channel: 'sms', userId: '+12155550100', conversationId: '+12155550100' },
    agency: 'Streets Department',
    expectedAt: '2026-05-28T14:00:00.000Z',
    ...overrides,
  };
}

/** Hands out the given numbers in turn, then keeps giving the last one. */
export function sequence(...ids: string[]): TrackingNumberGenerator {
  let i = 0;
  return () => ids[Math.min(i++, ids.length - 1)]!;
}

/** A generator of distinct numbers counting up from `start`. */
export function counter(start = 20_000_000): TrackingNumberGenerator {
  let n = start;
  return () => String(n++);
}

const change = (
  status: StatusChange['status'],
  at: string,
  extra: Partial<StatusChange> = {},
): StatusChange => ({
  status,
  at,
  by: 'staff',
  ...extra,
});

export function describeRequestStoreContract(
  name: string,
  makeStore: MakeStore,
  contract: ContractOptions = {},
): void {
  describe(`RequestStore contract: ${name}`, () => {
    let now: Date;
    const clock = () => now;
    let subject: StoreUnderTest | undefined;
    const open = async (newId: TrackingNumberGenerator = counter()): Promise<RequestStore> => {
      subject = await makeStore({ newId, clock });
      return subject.store;
    };

    beforeEach(() => {
      now = new Date('2026-05-22T14:00:00.000Z');
    });
    afterEach(async () => {
      await subject?.store.close();
      await subject?.cleanup();
      subject = undefined;
    });

    it('stores a new request as received, with its tracking number, history and time', async () => {
      const store = await open(sequence('15123456'));
      const created = await store.create(newRequest());
      assert.equal(created.id, '15123456');
      assert.equal(created.status, 'received');
      assert.equal(created.requestedAt, '2026-05-22T14:00:00.000Z');
      assert.equal(created.updatedAt, created.requestedAt);
      assert.deepEqual(created.followers, []);
      assert.deepEqual(created.history, [{ status: 'received', at: created.requestedAt, by: 'system' }]);
      assert.equal(created.agency, 'Streets Department');
      assert.equal(created.expectedAt, '2026-05-28T14:00:00.000Z');
      assert.deepEqual(await store.get(created.id), created);
      assert.equal(await store.get('99999999' as TrackingNumber), undefined);
    });

    it('has the request durably stored when create resolves', async () => {
      const store = await open();
      const created = await store.create(newRequest({ description: 'Survives a restart' }));
      const reopened = await subject!.reopen();
      assert.deepEqual(await reopened.get(created.id), created);
      await reopened.close();
    });

    it('never hands out a tracking number twice, even after a restart', async () => {
      const store = await open(sequence('15123456', '15123456', '15123457'));
      const first = await store.create(newRequest());
      const second = await store.create(newRequest());
      assert.equal(first.id, '15123456');
      assert.equal(second.id, '15123457');
      const restarted = await subject!.reopen(sequence('15123457', '15123456', '15123459'));
      assert.equal((await restarted.create(newRequest())).id, '15123459');
      await restarted.close();
    });

    it('never reuses the number of a removed request', async function () {
      const store = await open(sequence('15123456', '15123456', '15123458'));
      if (store.remove === undefined) this.skip();
      const first = await store.create(newRequest());
      assert.equal(await store.remove!(first.id), true);
      assert.equal(await store.get(first.id), undefined);
      const next = await store.create(newRequest());
      assert.equal(next.id, '15123458');
      assert.equal(await store.remove!('99999999' as TrackingNumber), false);
      const restarted = await subject!.reopen(sequence('15123456', '15123460'));
      assert.equal((await restarted.create(newRequest())).id, '15123460');
      await restarted.close();
    });

    it('fails with id-exhausted rather than loop when no fresh number comes', async () => {
      const store = await open(sequence('15123456'));
      await store.create(newRequest());
      await assert.rejects(
        store.create(newRequest()),
        (e: unknown) => e instanceof RequestError && e.code === 'id-exhausted',
      );
      assert.equal((await store.find({})).length, 1);
    });

    it('gives every one of many simultaneous requests its own number and keeps them all', async () => {
      const store = await open(counter());
      const created = await Promise.all(
        Array.from({ length: 40 }, (_, i) => store.create(newRequest({ description: `report ${i}` }))),
      );
      assert.equal(new Set(created.map((r) => r.id)).size, 40);
      const reopened = await subject!.reopen();
      assert.equal((await reopened.find({})).length, 40);
      await reopened.close();
    });

    it('appends status changes to the history and keeps the latest note', async () => {
      const store = await open();
      const created = await store.create(newRequest());
      now = new Date('2026-05-26T15:00:00.000Z');
      await store.appendStatus(created.id, change('scheduled', now.toISOString(), { note: 'Crew Tuesday' }));
      const closed = await store.appendStatus(
        created.id,
        change('closed-fixed', '2026-05-27T15:00:00.000Z', { note: 'Filled' }),
      );
      assert.equal(closed?.status, 'closed-fixed');
      assert.equal(closed?.statusNotes, 'Filled');
      assert.equal(closed?.updatedAt, '2026-05-27T15:00:00.000Z');
      assert.deepEqual(
        closed?.history.map((h) => [h.status, h.note]),
        [
          ['received', undefined],
          ['scheduled', 'Crew Tuesday'],
          ['closed-fixed', 'Filled'],
        ],
      );
      const reopened = await subject!.reopen();
      assert.deepEqual(await reopened.get(created.id), closed);
      await reopened.close();
      assert.equal(
        await store.appendStatus('99999999' as TrackingNumber, change('scheduled', now.toISOString())),
        undefined,
      );
    });

    it('keeps the parent of a duplicate in its history', async () => {
      const store = await open();
      const parent = await store.create(newRequest());
      const child = await store.create(newRequest());
      const marked = await store.appendStatus(
        child.id,
        change('duplicate', now.toISOString(), { parent: parent.id }),
      );
      assert.equal(marked?.history.at(-1)?.parent, parent.id);
    });

    it('refuses a change made against a status that has moved on (conflict)', async () => {
      const store = await open();
      const created = await store.create(newRequest());
      await store.appendStatus(created.id, change('in-progress', now.toISOString()), 'received');
      await assert.rejects(
        store.appendStatus(created.id, change('closed-fixed', now.toISOString()), 'received'),
        (e: unknown) => e instanceof RequestError && e.code === 'conflict',
      );
      assert.equal((await store.get(created.id))?.status, 'in-progress');
    });

    it('adds a follower once and never the requester of their own request', async () => {
      const store = await open();
      const created = await store.create(newRequest());
      const neighbour = { channel: 'slack', userId: 'U123' };
      await store.addFollower(created.id, neighbour);
      await store.addFollower(created.id, { ...neighbour, conversationId: 'D1' });
      const after = await store.addFollower(created.id, created.requester);
      assert.deepEqual(after?.followers, [neighbour]);
      assert.equal(await store.addFollower('99999999' as TrackingNumber, neighbour), undefined);
    });

    it('finds requests newest first by service, status, open/closed, dates, person, account and ids', async () => {
      const store = await open(counter(30_000_000));
      const at = (iso: string) => {
        now = new Date(iso);
      };
      at('2026-05-01T12:00:00.000Z');
      const a = await store.create(newRequest({ accountId: 'liaison-7', neighborhood: 'Fairhill' }));
      at('2026-05-02T12:00:00.000Z');
      const b = await store.create(newRequest({ serviceCode: 'graffiti' as ServiceCode }));
      at('2026-05-03T12:00:00.000Z');
      const c = await store.create(newRequest({ requester: { channel: 'x', userId: '42' } }));
      await store.appendStatus(b.id, change('closed-fixed', now.toISOString()));
      await store.addFollower(c.id, { channel: 'sms', userId: '+12155550100' });

      const ids = (rs: readonly ServiceRequest[]) => rs.map((r) => r.id);
      assert.deepEqual(ids(await store.find({})), [c.id, b.id, a.id]);
      assert.deepEqual(ids(await store.find({ limit: 2 })), [c.id, b.id]);
      assert.deepEqual(ids(await store.find({ serviceCodes: ['graffiti' as ServiceCode] })), [b.id]);
      assert.deepEqual(ids(await store.find({ statuses: ['closed-fixed'] })), [b.id]);
      assert.deepEqual(ids(await store.find({ open: true })), [c.id, a.id]);
      assert.deepEqual(ids(await store.find({ open: false })), [b.id]);
      assert.deepEqual(
        ids(
          await store.find({
            requestedFrom: '2026-05-02T00:00:00.000Z',
            requestedTo: '2026-05-02T23:59:59.999Z',
          }),
        ),
        [b.id],
      );
      assert.deepEqual(ids(await store.find({ requester: { channel: 'sms', userId: '+12155550100' } })), [
        b.id,
        a.id,
      ]);
      assert.deepEqual(ids(await store.find({ involving: { channel: 'sms', userId: '+12155550100' } })), [
        c.id,
        b.id,
        a.id,
      ]);
      assert.deepEqual(ids(await store.find({ accountId: 'liaison-7' })), [a.id]);
      assert.deepEqual(ids(await store.find({ neighborhood: 'Fairhill' })), [a.id]);
      assert.deepEqual(ids(await store.find({ ids: [a.id, c.id, '99999999' as TrackingNumber] })), [
        c.id,
        a.id,
      ]);
      assert.deepEqual(ids(await store.find({ ids: [a.id, b.id], open: true })), [a.id]);
    });

    it('does not let a caller change a stored request by mutating what it was given', async () => {
      const store = await open();
      const created = await store.create(newRequest());
      try {
        (created as { status: string }).status = 'closed-fixed';
        (created.history as StatusChange[]).push(change('closed-fixed', now.toISOString()));
      } catch {
        // Frozen records refuse the change outright: also fine.
      }
      const again = await store.get(created.id);
      assert.equal(again?.status, 'received');
      assert.equal(again?.history.length, 1);
    });

    describe('idempotency keys', () => {
      it('files once per key: a repeat returns the stored request and stores nothing new', async () => {
        const store = await open(counter(40_000_000));
        const first = await store.create(newRequest({ idempotencyKey: 'sms:SM0001' }));
        now = new Date('2026-05-22T14:05:00.000Z');
        const repeat = await store.create(
          newRequest({ idempotencyKey: 'sms:SM0001', description: 'Sent again by the provider' }),
        );
        assert.equal(repeat.id, first.id);
        assert.deepEqual(repeat, first);
        assert.equal('idempotencyKey' in first, false);
        const other = await store.create(newRequest({ idempotencyKey: 'sms:SM0002' }));
        assert.notEqual(other.id, first.id);
        const unkeyed = [await store.create(newRequest()), await store.create(newRequest())];
        assert.notEqual(unkeyed[0]!.id, unkeyed[1]!.id);
        assert.equal((await store.find({})).length, 4);
      });

      it('keeps the key with the stored request: a repeat after a restart returns it', async () => {
        const store = await open(counter(40_000_000));
        const first = await store.create(newRequest({ idempotencyKey: 'open311:client-9:abc' }));
        const restarted = await subject!.reopen(counter(41_000_000));
        const repeat = await restarted.create(newRequest({ idempotencyKey: 'open311:client-9:abc' }));
        assert.deepEqual(repeat, first);
        assert.equal((await restarted.find({})).length, 1);
        await restarted.close();
      });

      it('stores one request when many creates with one key arrive at once', async () => {
        const store = await open(counter(40_000_000));
        const created = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            store.create(newRequest({ idempotencyKey: 'sms:SM0003', description: `try ${i}` })),
          ),
        );
        assert.equal(new Set(created.map((r) => r.id)).size, 1);
        assert.equal((await store.find({})).length, 1);
      });

      it('forgets the key of a removed request, and never reissues its number', async function () {
        const store = await open(sequence('15123456', '15123456', '15123457'));
        if (store.remove === undefined) this.skip();
        const first = await store.create(newRequest({ idempotencyKey: 'sms:SM0004' }));
        assert.equal(await store.remove!(first.id), true);
        const again = await store.create(newRequest({ idempotencyKey: 'sms:SM0004' }));
        assert.equal(again.id, '15123457');
        assert.deepEqual(
          (await store.find({})).map((r) => r.id),
          ['15123457'],
        );
      });

      it('refuses an empty or overlong key and stores nothing', async () => {
        const store = await open();
        for (const idempotencyKey of ['', 'k'.repeat(201)]) {
          await assert.rejects(
            store.create(newRequest({ idempotencyKey })),
            (e: unknown) => e instanceof RequestError && e.code === 'invalid-field',
          );
        }
        assert.deepEqual(await store.find({}), []);
      });
    });

    describe('outbox of status notices', () => {
      const LEASE = 60_000;
      const failure = (done: string[] = []) => ({ error: 'sms: HTTP 500', channels: ['sms'], done });
      const later = (ms: number) => {
        now = new Date(now.getTime() + ms);
      };

      it('queues one notice per status change in the same write, durable with it', async () => {
        const store = await open();
        const created = await store.create(newRequest());
        assert.deepEqual(await store.outbox.list(), [], 'filing is no status change');
        await store.appendStatus(created.id, change('in-progress', now.toISOString()));
        later(1_000);
        await store.appendStatus(created.id, change('closed-fixed', now.toISOString()));
        const reopened = await subject!.reopen();
        try {
          const queued = await reopened.outbox.list();
          assert.deepEqual(
            queued.map((n) => [n.requestId, n.change, n.status, n.attempts, n.createdAt]),
            [
              [created.id, 2, 'pending', 0, '2026-05-22T14:00:01.000Z'],
              [created.id, 1, 'pending', 0, '2026-05-22T14:00:00.000Z'],
            ],
          );
          const stored = await reopened.get(created.id);
          for (const n of queued) assert.ok(stored?.history[n.change], 'each entry names a stored change');
        } finally {
          await reopened.close();
        }
      });

      it('queues nothing for a change refused as a conflict or for an unknown request', async () => {
        const store = await open();
        const created = await store.create(newRequest());
        await store.appendStatus(created.id, change('in-progress', now.toISOString()), 'received');
        await assert.rejects(
          store.appendStatus(created.id, change('closed-fixed', now.toISOString()), 'received'),
        );
        await store.appendStatus('99999999' as TrackingNumber, change('closed-fixed', now.toISOString()));
        assert.deepEqual(
          (await store.outbox.list()).map((n) => n.change),
          [1],
        );
      });

      it('hands a due notice to one claim until its lease runs out; a stale claim changes nothing', async () => {
        const store = await open();
        const created = await store.create(newRequest());
        await store.appendStatus(created.id, change('in-progress', now.toISOString()));
        const [first, ...rest] = await store.outbox.claim(10, LEASE);
        assert.deepEqual(rest, []);
        assert.equal(first?.requestId, created.id);
        assert.deepEqual(await store.outbox.claim(10, LEASE), [], 'leased');
        later(LEASE);
        const [again] = await store.outbox.claim(10, LEASE);
        assert.equal(again?.change, first?.change, 'the sender died: due again once the lease ran out');
        assert.equal(await store.outbox.sent(first!), false, 'the first claim was taken over');
        assert.equal(await store.outbox.progress(first!, ['x']), false);
        assert.equal(await store.outbox.failed(first!, failure()), undefined);
        assert.equal(await store.outbox.sent(again!), true);
        assert.deepEqual(await store.outbox.list(), [], 'a sent notice is gone');
        later(LEASE);
        assert.deepEqual(await store.outbox.claim(10, LEASE), []);
      });

      it('retries a failed notice after 30 s, 2 min, ... and gives it up as failed after the last attempt', async () => {
        const store = await open();
        const created = await store.create(newRequest());
        await store.appendStatus(created.id, change('in-progress', now.toISOString()));
        for (let attempt = 1; attempt <= MAX_NOTICE_ATTEMPTS; attempt++) {
          const [claimed] = await store.outbox.claim(10, LEASE);
          assert.ok(claimed, `attempt ${attempt} is due`);
          const stored = await store.outbox.failed(claimed, failure());
          assert.equal(stored?.attempts, attempt);
          const delay = NOTICE_RETRY_DELAYS_MS[attempt - 1];
          if (delay === undefined) {
            assert.equal(stored?.status, 'failed');
            break;
          }
          assert.equal(stored?.status, 'pending');
          assert.equal(stored?.dueAt, new Date(now.getTime() + delay).toISOString());
          later(delay - 1);
          assert.deepEqual(await store.outbox.claim(10, LEASE), [], `not before ${delay} ms`);
          later(1);
        }
        later(24 * 60 * 60_000);
        assert.deepEqual(await store.outbox.claim(10, LEASE), [], 'a failed notice is never claimed again');
        const reopened = await subject!.reopen();
        try {
          const failed = await reopened.outbox.list({ status: 'failed' });
          assert.deepEqual(
            failed.map((n) => [n.requestId, n.attempts, n.lastError, n.failedChannels]),
            [[created.id, MAX_NOTICE_ATTEMPTS, 'sms: HTTP 500', ['sms']]],
          );
          assert.deepEqual(await reopened.outbox.list({ status: 'pending' }), []);
        } finally {
          await reopened.close();
        }
      });

      it('keeps the recipients already told, so a retry tells only the others', async () => {
        const store = await open();
        const created = await store.create(newRequest());
        await store.appendStatus(created.id, change('in-progress', now.toISOString()));
        const [claimed] = await store.outbox.claim(10, LEASE);
        assert.deepEqual(claimed?.done, []);
        assert.equal(await store.outbox.progress(claimed!, ['first']), true);
        await store.outbox.failed(claimed!, failure(['first', 'third']));
        later(NOTICE_RETRY_DELAYS_MS[0]!);
        const reopened = await subject!.reopen();
        try {
          const [retry] = await reopened.outbox.claim(10, LEASE);
          assert.deepEqual([...(retry?.done ?? [])].sort(), ['first', 'third']);
          assert.deepEqual(retry?.failedChannels, ['sms']);
          assert.equal(retry?.attempts, 1);
        } finally {
          await reopened.close();
        }
      });

      it('claims the oldest due first, at most `limit`', async () => {
        const store = await open();
        const created = await store.create(newRequest());
        for (const status of ['in-progress', 'scheduled', 'closed-fixed'] as const) {
          await store.appendStatus(created.id, change(status, now.toISOString()));
          later(1_000);
        }
        assert.deepEqual(
          (await store.outbox.claim(2, LEASE)).map((n) => n.change),
          [1, 2],
        );
        assert.deepEqual(
          (await store.outbox.claim(2, LEASE)).map((n) => n.change),
          [3],
        );
      });

      it('forgets the notices of a removed request', async function () {
        const store = await open();
        if (store.remove === undefined) this.skip();
        const created = await store.create(newRequest());
        const kept = await store.create(newRequest());
        await store.appendStatus(created.id, change('in-progress', now.toISOString()));
        await store.appendStatus(kept.id, change('in-progress', now.toISOString()));
        await store.remove!(created.id);
        assert.deepEqual(
          (await store.outbox.list()).map((n) => n.requestId),
          [kept.id],
        );
      });
    });

    if (contract.sharedByInstances) {
      describe('two instances at once', () => {
        it('never claim one notice on both, however their claims interleave', async () => {
          const a = await open(counter(40_000_000));
          const b = await subject!.reopen(counter(41_000_000));
          try {
            for (let i = 0; i < 30; i++) {
              const created = await (i % 2 === 0 ? a : b).create(newRequest());
              await (i % 2 === 0 ? b : a).appendStatus(created.id, change('in-progress', now.toISOString()));
            }
            const claimedBy = async (store: RequestStore): Promise<string[]> => {
              const ids: string[] = [];
              for (;;) {
                const batch = await store.outbox.claim(3, 60_000);
                if (batch.length === 0) return ids;
                ids.push(...batch.map((n) => `${n.requestId}/${n.change}`));
              }
            };
            const [fromA, fromB] = await Promise.all([claimedBy(a), claimedBy(b)]);
            const all = [...fromA, ...fromB];
            assert.equal(all.length, 30, 'every notice claimed');
            assert.equal(new Set(all).size, 30, 'none twice');
            assert.ok(fromA.length > 0 && fromB.length > 0, 'both instances took part');
          } finally {
            await b.close();
          }
        });

        it('never give one tracking number to two requests, even when their generators agree', async () => {
          const a = await open(counter(40_000_000));
          const b = await subject!.reopen(counter(40_000_000));
          try {
            const created = await Promise.all(
              Array.from({ length: 40 }, (_, i) =>
                (i % 2 === 0 ? a : b).create(newRequest({ description: `report ${i}` })),
              ),
            );
            assert.equal(new Set(created.map((r) => r.id)).size, 40);
            assert.equal((await a.find({})).length, 40);
          } finally {
            await b.close();
          }
        });

        it('let one of two changes made against the same status win; the other gets conflict', async () => {
          const a = await open();
          const b = await subject!.reopen();
          try {
            for (let round = 0; round < 5; round++) {
              const created = await a.create(newRequest());
              const results = await Promise.allSettled([
                a.appendStatus(
                  created.id,
                  change('in-progress', now.toISOString(), { note: 'A' }),
                  'received',
                ),
                b.appendStatus(
                  created.id,
                  change('closed-fixed', now.toISOString(), { note: 'B' }),
                  'received',
                ),
              ]);
              const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
              const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
              assert.equal(won.length, 1);
              assert.ok(lost[0] instanceof RequestError && lost[0].code === 'conflict');
              const stored = await b.get(created.id);
              assert.equal(stored?.status, won[0]?.status);
              assert.equal(stored?.history.length, 2);
            }
          } finally {
            await b.close();
          }
        });

        it('store one request for creates with one key on both', async () => {
          const a = await open(counter(40_000_000));
          const b = await subject!.reopen(counter(41_000_000));
          try {
            const created = await Promise.all(
              Array.from({ length: 10 }, (_, i) =>
                (i % 2 === 0 ? a : b).create(newRequest({ idempotencyKey: 'sms:SM0005' })),
              ),
            );
            assert.equal(new Set(created.map((r) => r.id)).size, 1);
            assert.equal((await b.find({})).length, 1);
          } finally {
            await b.close();
          }
        });

        it('add a person following from both once', async () => {
          const a = await open();
          const b = await subject!.reopen();
          try {
            const created = await a.create(newRequest());
            const neighbour = { channel: 'slack', userId: 'U123' };
            await Promise.all([
              a.addFollower(created.id, neighbour),
              b.addFollower(created.id, neighbour),
              a.addFollower(created.id, neighbour),
              b.addFollower(created.id, neighbour),
            ]);
            assert.deepEqual((await b.get(created.id))?.followers, [neighbour]);
          } finally {
            await b.close();
          }
        });
      });
    }
  });
}
