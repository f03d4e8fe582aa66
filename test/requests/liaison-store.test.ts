import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashLinkCode } from '../../requests/liaison-code.js';
import { createLowdbLiaisonStore } from '../../requests/liaison-lowdb-store.js';
import type { LiaisonStore } from '../../requests/liaison-types.js';
import { describeLiaisonStoreContract, newAccount, phone } from './liaison-store-contract.js';

describeLiaisonStoreContract('lowdb', async ({ newId }) => {
  const dir = await mkdtemp(join(tmpdir(), 'liaison-store-'));
  const file = join(dir, 'data', 'liaisons.json');
  return {
    store: await createLowdbLiaisonStore({ file, newId }),
    open: () => createLowdbLiaisonStore({ file, newId }),
    // One process per DATA_DIR (.lock): a second store only reads what was written before it opened.
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

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
    const created = await store.create(newAccount());
    assert.equal(created.id, 'L1');
    const text = await readFile(file, 'utf8');
    assert.ok(!text.includes('AAAA2222BBBB'), 'the code itself is never written');
    assert.ok(text.includes(hashLinkCode('AAAA2222BBBB')));
    const reopened = await createLowdbLiaisonStore({ file });
    assert.deepEqual(await reopened.get('L1'), created);
  });

  it('changes nothing when the file cannot be written: the code still works once the disk is back', async () => {
    await store.create(newAccount());
    await rm(join(dir, 'data'), { recursive: true, force: true });
    await assert.rejects(store.redeemCode(hashLinkCode('AAAA2222BBBB'), phone, at));
    assert.equal(await store.findByIdentity(phone), undefined, 'not linked in memory either');
    await assert.rejects(store.revoke('L1', at));
    assert.equal((await store.get('L1'))?.revokedAt, undefined);
    await mkdir(join(dir, 'data'));
    assert.equal((await store.redeemCode(hashLinkCode('AAAA2222BBBB'), phone, at)).outcome, 'linked');
  });

  it('refuses a file that is not a liaison store, naming it', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"accounts": 3}');
    await assert.rejects(createLowdbLiaisonStore({ file: bad }), /bad\.json: not a liaison store/);
  });
});
