import assert from 'node:assert/strict';
import { hashLinkCode } from '../../requests/liaison-code.js';
import { LiaisonError } from '../../requests/liaison-error.js';
import type { LiaisonStore, LinkCodeRecord, NewLiaisonAccount } from '../../requests/liaison-types.js';

/**
 * The behaviour every LiaisonStore must have, whatever it stores in (lowdb,
 * PostgreSQL). A store implementation calls
 * `describeLiaisonStoreContract('its name', makeStore)`.
 */
export interface LiaisonStoreUnderTest {
  readonly store: LiaisonStore;
  /**
   * Opens another store over the same storage: a restarted process, or, with
   * `sharedStorage`, a second instance running beside the first.
   */
  open(): Promise<LiaisonStore>;
  cleanup(): Promise<void>;
}

export interface LiaisonStoreOptions {
  /** Draws account ids: "L1", "L2", ... in these tests. */
  readonly newId: () => string;
}

export type MakeLiaisonStore = (options: LiaisonStoreOptions) => Promise<LiaisonStoreUnderTest>;

export const phone = { channel: 'sms', userId: '+12155550111' };
export const slack = { channel: 'slack', userId: 'U0LIAISON' };

export function linkCode(text: string, overrides: Partial<LinkCodeRecord> = {}): LinkCodeRecord {
  return {
    hash: hashLinkCode(text),
    createdAt: '2026-11-20T10:00:00.000Z',
    expiresAt: '2026-12-04T10:00:00.000Z',
    ...overrides,
  };
}

export function newAccount(overrides: Partial<NewLiaisonAccount> = {}): NewLiaisonAccount {
  return {
    name: 'Dana Reyes',
    neighborhood: 'Kensington',
    organisation: 'Kensington Civic Association',
    createdAt: '2026-11-20T10:00:00.000Z',
    code: linkCode('AAAA2222BBBB'),
    ...overrides,
  };
}

const at = '2026-11-21T09:00:00.000Z';
const later = '2026-11-22T09:00:00.000Z';
const A = hashLinkCode('AAAA2222BBBB');
const C = hashLinkCode('CCCC3333DDDD');

/**
 * `sharedStorage`: stores over one storage run at the same time (PostgreSQL),
 * which adds the cases across instances; lowdb is one process per DATA_DIR,
 * where they do not apply and are not registered.
 */
export function describeLiaisonStoreContract(
  name: string,
  makeStore: MakeLiaisonStore,
  options: { readonly sharedStorage?: boolean } = {},
): void {
  describe(`LiaisonStore contract: ${name}`, () => {
    let subject: LiaisonStoreUnderTest;
    let store: LiaisonStore;
    let opened: LiaisonStore[];

    beforeEach(async () => {
      let ids = 0;
      subject = await makeStore({ newId: () => `L${++ids}` });
      store = subject.store;
      opened = [store];
    });
    afterEach(async () => {
      for (const s of opened) await s.close();
      await subject.cleanup();
    });

    const open = async (): Promise<LiaisonStore> => {
      const other = await subject.open();
      opened.push(other);
      return other;
    };

    it('creates an account with its first code and no identity, and lists accounts oldest first', async () => {
      const created = await store.create(newAccount());
      assert.deepEqual(created, {
        id: 'L1',
        name: 'Dana Reyes',
        neighborhood: 'Kensington',
        organisation: 'Kensington Civic Association',
        createdAt: '2026-11-20T10:00:00.000Z',
        identities: [],
        codes: [linkCode('AAAA2222BBBB')],
      });
      const second = await store.create(newAccount({ name: 'Sam Ortiz', code: linkCode('CCCC3333DDDD') }));
      assert.deepEqual(await store.get('L1'), created);
      assert.deepEqual(await store.list(), [created, second]);
      assert.equal(await store.get('L9'), undefined);
    });

    it('has every change stored when it resolves: a store opened afterwards reads the same accounts', async () => {
      await store.create(newAccount());
      await store.redeemCode(A, phone, at);
      await store.addCode('L1', linkCode('CCCC3333DDDD', { createdAt: at }));
      await store.create(newAccount({ name: 'Sam Ortiz', code: linkCode('EEEE4444FFFF') }));
      await store.revoke('L2', at);
      const reopened = await open();
      assert.deepEqual(await reopened.list(), await store.list());
      assert.equal((await reopened.findByIdentity(phone))?.id, 'L1');
    });

    it('links an identity with a code once; the same code then gets nothing', async () => {
      await store.create(newAccount());
      const first = await store.redeemCode(A, phone, at);
      assert.equal(first.outcome, 'linked');
      assert.deepEqual(first.outcome === 'linked' && first.account.identities, [{ ...phone, linkedAt: at }]);
      assert.equal(first.outcome === 'linked' && first.account.codes[0]?.usedAt, at);
      assert.deepEqual(await store.findByIdentity(phone), first.outcome === 'linked' && first.account);
      assert.deepEqual(await store.redeemCode(A, slack, at), { outcome: 'invalid' });
      const again = await store.redeemCode(A, phone, later);
      assert.equal(again.outcome, 'already-linked', 'the linked phone resending its code is told so');
      assert.equal(await store.findByIdentity(slack), undefined);
      assert.deepEqual(await store.redeemCode(hashLinkCode('ZZZZ9999ZZZZ'), slack, at), {
        outcome: 'invalid',
      });
    });

    it('lets only one of two simultaneous attempts with one code succeed', async () => {
      await store.create(newAccount());
      const results = await Promise.all([store.redeemCode(A, phone, at), store.redeemCode(A, slack, at)]);
      assert.deepEqual(results.map((r) => r.outcome).sort(), ['invalid', 'linked']);
      assert.equal((await (await open()).get('L1'))?.identities.length, 1);
    });

    it('refuses an expired code, and a code replaced by a newer one', async () => {
      await store.create(newAccount({ code: linkCode('AAAA2222BBBB', { expiresAt: at }) }));
      assert.equal((await store.redeemCode(A, phone, at)).outcome, 'invalid');
      await store.addCode('L1', linkCode('CCCC3333DDDD', { createdAt: at }));
      const added = await store.addCode('L1', linkCode('EEEE4444FFFF', { createdAt: later }));
      assert.deepEqual(
        added?.codes.map((c) => c.supersededAt),
        [at, later, undefined],
        'every unused older code is superseded when the new one is added',
      );
      assert.equal((await store.redeemCode(C, phone, at)).outcome, 'invalid');
      assert.equal((await store.redeemCode(hashLinkCode('EEEE4444FFFF'), phone, at)).outcome, 'linked');
      assert.equal(await store.addCode('L9', linkCode('GGGG5555HHHH')), undefined);
    });

    it('keeps only the newest ten codes of an account', async () => {
      await store.create(newAccount());
      const texts = Array.from({ length: 11 }, (_, i) => `CODE${i}`);
      for (const text of texts) await store.addCode('L1', linkCode(text, { createdAt: at }));
      const codes = (await store.get('L1'))?.codes ?? [];
      assert.deepEqual(
        codes.map((c) => c.hash),
        texts.slice(1).map(hashLinkCode),
      );
      assert.equal(codes.at(-1)?.supersededAt, undefined);
    });

    it('links several identities to one account with one code each', async () => {
      await store.create(newAccount());
      await store.redeemCode(A, phone, at);
      await store.addCode('L1', linkCode('CCCC3333DDDD', { createdAt: at }));
      await store.redeemCode(C, slack, later);
      assert.equal((await store.findByIdentity(slack))?.id, 'L1');
      assert.deepEqual((await store.findByIdentity(phone))?.identities, [
        { ...phone, linkedAt: at },
        { ...slack, linkedAt: later },
      ]);
    });

    it('does not move an identity linked to another account, and leaves that code unused', async () => {
      await store.create(newAccount());
      await store.create(newAccount({ name: 'Sam Ortiz', code: linkCode('CCCC3333DDDD') }));
      await store.redeemCode(A, phone, at);
      assert.deepEqual(await store.redeemCode(C, phone, at), { outcome: 'linked-elsewhere' });
      assert.equal((await store.get('L2'))?.codes[0]?.usedAt, undefined);
      assert.equal((await store.redeemCode(C, slack, at)).outcome, 'linked');
      assert.equal((await store.findByIdentity(phone))?.id, 'L1');
    });

    it('stops a revoked account at once: no identity acts for it and its codes fail', async () => {
      await store.create(newAccount());
      await store.redeemCode(A, phone, at);
      await store.addCode('L1', linkCode('CCCC3333DDDD', { createdAt: at }));
      const revoked = await store.revoke('L1', at);
      assert.equal(revoked?.revokedAt, at);
      assert.equal(await store.findByIdentity(phone), undefined);
      assert.equal((await store.redeemCode(C, slack, at)).outcome, 'invalid');
      assert.equal((await store.revoke('L1', later))?.revokedAt, at, 'revoking again changes nothing');
      assert.equal(await store.revoke('L9', at), undefined);
    });

    it('frees the identities of a revoked account to link to another one', async () => {
      await store.create(newAccount());
      await store.create(newAccount({ name: 'Sam Ortiz', code: linkCode('CCCC3333DDDD') }));
      await store.redeemCode(A, phone, at);
      await store.revoke('L1', at);
      assert.equal((await store.redeemCode(C, phone, later)).outcome, 'linked');
      assert.equal((await store.findByIdentity(phone))?.id, 'L2');
    });

    it('unlinks one identity and keeps the others; unknown identities answer undefined', async () => {
      await store.create(newAccount());
      await store.redeemCode(A, phone, at);
      await store.addCode('L1', linkCode('CCCC3333DDDD', { createdAt: at }));
      await store.redeemCode(C, slack, at);
      const after = await store.revokeIdentity('L1', phone, later);
      assert.equal(after?.identities.find((i) => i.channel === 'sms')?.revokedAt, later);
      assert.equal(await store.findByIdentity(phone), undefined);
      assert.equal((await store.findByIdentity(slack))?.id, 'L1');
      assert.equal(await store.revokeIdentity('L1', phone, later), undefined);
      assert.equal(await store.revokeIdentity('L9', slack, later), undefined);
    });

    it('links an unlinked identity again with a new code, listing it once', async () => {
      await store.create(newAccount());
      await store.redeemCode(A, phone, at);
      await store.revokeIdentity('L1', phone, at);
      await store.addCode('L1', linkCode('CCCC3333DDDD', { createdAt: at }));
      const relinked = await store.redeemCode(C, phone, later);
      assert.equal(relinked.outcome, 'linked');
      assert.deepEqual((await store.findByIdentity(phone))?.identities, [{ ...phone, linkedAt: later }]);
    });

    it('fails with id-exhausted rather than reuse an account id', async () => {
      const fixed = await makeStore({ newId: () => 'LSAME' });
      opened.push(fixed.store);
      try {
        await fixed.store.create(newAccount());
        await assert.rejects(
          fixed.store.create(newAccount({ name: 'Sam Ortiz', code: linkCode('CCCC3333DDDD') })),
          (e: unknown) => e instanceof LiaisonError && e.code === 'id-exhausted',
        );
        assert.equal((await fixed.store.list()).length, 1);
      } finally {
        await fixed.cleanup();
      }
    });

    it('refuses to work once closed', async () => {
      await store.close();
      await assert.rejects(
        store.get('L1'),
        (e: unknown) => e instanceof LiaisonError && e.code === 'store-closed',
      );
    });

    if (options.sharedStorage)
      describe('across instances', () => {
        it("a second instance running beside the first sees each of the first's changes at once", async () => {
          const other = await open();
          await store.create(newAccount());
          assert.equal((await other.get('L1'))?.name, 'Dana Reyes');
          assert.equal((await other.redeemCode(A, phone, at)).outcome, 'linked');
          assert.equal((await store.findByIdentity(phone))?.id, 'L1');
          await store.revoke('L1', later);
          assert.equal(await other.findByIdentity(phone), undefined);
          assert.deepEqual(await other.list(), await store.list());
        });

        it('two instances redeeming one code at once: exactly one links', async () => {
          const other = await open();
          await store.create(newAccount());
          const results = await Promise.all([store.redeemCode(A, phone, at), other.redeemCode(A, slack, at)]);
          assert.deepEqual(results.map((r) => r.outcome).sort(), ['invalid', 'linked']);
          assert.equal((await other.get('L1'))?.identities.length, 1);
        });

        it('two instances linking one sender to two accounts at once: it acts for one of them', async () => {
          const other = await open();
          await store.create(newAccount());
          await store.create(newAccount({ name: 'Sam Ortiz', code: linkCode('CCCC3333DDDD') }));
          const results = await Promise.all([store.redeemCode(A, phone, at), other.redeemCode(C, phone, at)]);
          assert.deepEqual(results.map((r) => r.outcome).sort(), ['linked', 'linked-elsewhere']);
          const winner = results.find((r) => r.outcome === 'linked');
          assert.equal(
            (await other.findByIdentity(phone))?.id,
            winner?.outcome === 'linked' && winner.account.id,
          );
          const linked = (await store.list()).filter((a) => a.identities.length > 0);
          assert.equal(linked.length, 1);
        });
      });
  });
}
