import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashLinkCode } from '../../requests/liaison-code.js';
import { createLowdbLiaisonStore } from '../../requests/liaison-lowdb-store.js';
import type { LiaisonStore, LinkCodeRecord, NewLiaisonAccount } from '../../requests/liaison-types.js';

const phone = { channel: 'sms', userId: '+12155550111' };
const slack = { channel: 'slack', userId: 'U0LIAISON' };

function code(text: string, overrides: Partial<LinkCodeRecord> = {}): LinkCodeRecord {
  return {
    hash: hashLinkCode(text),
    createdAt: '2026-11-20T10:00:00.000Z',
    expiresAt: '2026-12-04T10:00:00.000Z',
    ...overrides,
  };
}

function account(overrides: Partial<NewLiaisonAccount> = {}): NewLiaisonAccount {
  return {
    name: 'Dana Reyes',
    neighborhood: 'Kensington',
    organisation: 'Kensington Civic Association',
    createdAt: '2026-11-20T10:00:00.000Z',
    code: code('AAAA2222BBBB'),
    ...overrides,
  };
}

describe('lowdb liaison store', () => {
  let dir: string;
  let file: string;
  let store: LiaisonStore;
  let ids: number;
  const at = '2026-11-21T09:00:00.000Z';

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'liaison-store-'));
    file = join(dir, 'data', 'liaisons.json');
    ids = 0;
    store = await createLowdbLiaisonStore({ file, newId: () => `L${++ids}` });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps accounts on disk with only the hash of the code, and reads them back after a restart', async () => {
    const created = await store.create(account());
    assert.equal(created.id, 'L1');
    const text = await readFile(file, 'utf8');
    assert.ok(!text.includes('AAAA2222BBBB'), 'the code itself is never written');
    assert.ok(text.includes(hashLinkCode('AAAA2222BBBB')));
    const reopened = await createLowdbLiaisonStore({ file });
    assert.deepEqual(await reopened.get('L1'), created);
  });

  it('links an identity with a code once; the same code then gets nothing', async () => {
    await store.create(account());
    const first = await store.redeemCode(hashLinkCode('AAAA2222BBBB'), phone, at);
    assert.equal(first.outcome, 'linked');
    assert.equal((await store.findByIdentity(phone))?.id, 'L1');
    assert.deepEqual(await store.redeemCode(hashLinkCode('AAAA2222BBBB'), slack, at), { outcome: 'invalid' });
    const again = await store.redeemCode(hashLinkCode('AAAA2222BBBB'), phone, at);
    assert.equal(again.outcome, 'already-linked', 'the linked phone resending its code is told so');
    assert.equal(await store.findByIdentity(slack), undefined);
  });

  it('lets only one of two simultaneous attempts with one code succeed', async () => {
    await store.create(account());
    const results = await Promise.all([
      store.redeemCode(hashLinkCode('AAAA2222BBBB'), phone, at),
      store.redeemCode(hashLinkCode('AAAA2222BBBB'), slack, at),
    ]);
    assert.deepEqual(results.map((r) => r.outcome).sort(), ['invalid', 'linked']);
    const saved = await (await createLowdbLiaisonStore({ file })).get('L1');
    assert.equal(saved?.identities.length, 1);
  });

  it('refuses an expired code, and a code replaced by a newer one', async () => {
    await store.create(account({ code: code('AAAA2222BBBB', { expiresAt: at }) }));
    assert.equal((await store.redeemCode(hashLinkCode('AAAA2222BBBB'), phone, at)).outcome, 'invalid');
    await store.addCode('L1', code('CCCC3333DDDD', { createdAt: at }));
    await store.addCode('L1', code('EEEE4444FFFF', { createdAt: at }));
    assert.equal((await store.redeemCode(hashLinkCode('CCCC3333DDDD'), phone, at)).outcome, 'invalid');
    assert.equal((await store.redeemCode(hashLinkCode('EEEE4444FFFF'), phone, at)).outcome, 'linked');
  });

  it('links several identities to one account with one code each', async () => {
    await store.create(account());
    await store.redeemCode(hashLinkCode('AAAA2222BBBB'), phone, at);
    await store.addCode('L1', code('CCCC3333DDDD', { createdAt: at }));
    await store.redeemCode(hashLinkCode('CCCC3333DDDD'), slack, at);
    assert.equal((await store.findByIdentity(slack))?.id, 'L1');
    assert.equal((await store.findByIdentity(phone))?.id, 'L1');
  });

  it('does not move an identity linked to another account, and leaves that code unused', async () => {
    await store.create(account());
    await store.create(account({ name: 'Sam Ortiz', code: code('CCCC3333DDDD') }));
    await store.redeemCode(hashLinkCode('AAAA2222BBBB'), phone, at);
    assert.deepEqual(await store.redeemCode(hashLinkCode('CCCC3333DDDD'), phone, at), {
      outcome: 'linked-elsewhere',
    });
    assert.equal((await store.redeemCode(hashLinkCode('CCCC3333DDDD'), slack, at)).outcome, 'linked');
  });

  it('stops a revoked account at once: no identity acts for it and its codes fail', async () => {
    await store.create(account());
    await store.redeemCode(hashLinkCode('AAAA2222BBBB'), phone, at);
    await store.addCode('L1', code('CCCC3333DDDD', { createdAt: at }));
    const revoked = await store.revoke('L1', at);
    assert.equal(revoked?.revokedAt, at);
    assert.equal(await store.findByIdentity(phone), undefined);
    assert.equal((await store.redeemCode(hashLinkCode('CCCC3333DDDD'), slack, at)).outcome, 'invalid');
  });

  it('unlinks one identity and keeps the others; unknown identities answer undefined', async () => {
    await store.create(account());
    await store.redeemCode(hashLinkCode('AAAA2222BBBB'), phone, at);
    await store.addCode('L1', code('CCCC3333DDDD', { createdAt: at }));
    await store.redeemCode(hashLinkCode('CCCC3333DDDD'), slack, at);
    const after = await store.revokeIdentity('L1', phone, at);
    assert.equal(after?.identities.find((i) => i.channel === 'sms')?.revokedAt, at);
    assert.equal(await store.findByIdentity(phone), undefined);
    assert.equal((await store.findByIdentity(slack))?.id, 'L1');
    assert.equal(await store.revokeIdentity('L1', phone, at), undefined);
    assert.equal(await store.revokeIdentity('L9', slack, at), undefined);
  });

  it('changes nothing when the file cannot be written: the code still works once the disk is back', async () => {
    await store.create(account());
    const { mkdir } = await import('node:fs/promises');
    await rm(join(dir, 'data'), { recursive: true, force: true });
    await assert.rejects(store.redeemCode(hashLinkCode('AAAA2222BBBB'), phone, at));
    assert.equal(await store.findByIdentity(phone), undefined, 'not linked in memory either');
    await assert.rejects(store.revoke('L1', at));
    assert.equal((await store.get('L1'))?.revokedAt, undefined);
    await mkdir(join(dir, 'data'));
    assert.equal((await store.redeemCode(hashLinkCode('AAAA2222BBBB'), phone, at)).outcome, 'linked');
  });

  it('refuses a file that is not a liaison store, naming it', async () => {
    const { writeFile } = await import('node:fs/promises');
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"accounts": 3}');
    await assert.rejects(createLowdbLiaisonStore({ file: bad }), /bad\.json: not a liaison store/);
  });
});
