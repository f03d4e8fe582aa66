import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLowdbRequestStore } from '../../requests/lowdb-request-store.js';
import { RequestError } from '../../requests/request-error.js';
import type { TrackingNumber } from '../../requests/types.js';
import { counter, describeRequestStoreContract, newRequest, sequence } from './request-store-contract.js';

describeRequestStoreContract('lowdb', async ({ newId, clock }) => {
  const dir = await mkdtemp(join(tmpdir(), 'requests-'));
  const file = join(dir, 'requests.json');
  return {
    store: await createLowdbRequestStore({ file, newId, clock }),
    reopen: (other) => createLowdbRequestStore({ file, newId: other ?? newId, clock }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('lowdb request store', () => {
  let dir: string;
  let file: string;
  const clock = () => new Date('2026-05-22T14:00:00.000Z');

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'requests-'));
    file = join(dir, 'data', 'requests.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates its folder and writes requests.json', async () => {
    const store = await createLowdbRequestStore({ file, newId: sequence('15123456'), clock });
    await store.create(newRequest());
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { requests: { id: string }[] };
    assert.deepEqual(
      onDisk.requests.map((r) => r.id),
      ['15123456'],
    );
  });

  it('hands out no tracking number when the write fails, and keeps nothing half-written', async () => {
    const store = await createLowdbRequestStore({
      file,
      newId: sequence('15123456', '15123457', '15123458'),
      clock,
    });
    const first = await store.create(newRequest());
    // The store writes a temp file and renames it over requests.json: a folder in its place makes the write fail.
    const temp = join(dir, 'data', '.requests.json.tmp');
    await mkdir(temp);
    await assert.rejects(store.create(newRequest({ description: 'lost?' })));
    assert.deepEqual(
      (await store.find({})).map((r) => r.id),
      [first.id],
    );
    assert.equal(await store.get('15123457' as typeof first.id), undefined);
    await rmdir(temp);
    const after = await store.create(newRequest());
    assert.equal((await store.find({})).length, 2);
    const reopened = await createLowdbRequestStore({ file, newId: counter(), clock });
    assert.deepEqual(
      (await reopened.find({})).map((r) => r.id),
      [after.id, first.id],
    );
  });

  it('keeps idempotency keys in requests.json beside the requests, and opens a file written before keys', async () => {
    await mkdir(join(dir, 'data'));
    const old = newRequest();
    const stored = {
      ...old,
      id: '15123456',
      status: 'received',
      followers: [],
      requestedAt: '2026-05-01T12:00:00.000Z',
      updatedAt: '2026-05-01T12:00:00.000Z',
      history: [{ status: 'received', at: '2026-05-01T12:00:00.000Z', by: 'system' }],
    };
    await writeFile(file, JSON.stringify({ version: 1, requests: [stored], retiredIds: [] }), 'utf8');
    const store = await createLowdbRequestStore({ file, newId: sequence('15123457'), clock });
    assert.equal((await store.get('15123456' as TrackingNumber))?.description, old.description);
    const keyed = await store.create(newRequest({ idempotencyKey: 'sms:SM1' }));
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as {
      requests: Record<string, unknown>[];
      idempotencyKeys: Record<string, string>;
    };
    assert.deepEqual(onDisk.idempotencyKeys, { 'sms:SM1': keyed.id });
    assert.ok(onDisk.requests.every((r) => !('idempotencyKey' in r)));
  });

  it('tells no one a number for a key whose write failed, and files it afresh afterwards', async () => {
    const store = await createLowdbRequestStore({ file, newId: counter(), clock });
    await store.create(newRequest());
    const temp = join(dir, 'data', '.requests.json.tmp');
    await mkdir(temp);
    const tries = await Promise.allSettled([
      store.create(newRequest({ idempotencyKey: 'sms:SM2' })),
      store.create(newRequest({ idempotencyKey: 'sms:SM2' })),
    ]);
    assert.deepEqual(
      tries.map((t) => t.status),
      ['rejected', 'rejected'],
    );
    await rmdir(temp);
    const filed = await store.create(newRequest({ idempotencyKey: 'sms:SM2' }));
    const reopened = await createLowdbRequestStore({ file, newId: counter(30_000_000), clock });
    assert.deepEqual(await reopened.create(newRequest({ idempotencyKey: 'sms:SM2' })), filed);
    assert.equal((await reopened.find({})).length, 2);
  });

  it('refuses to start on a corrupt file, naming it', async () => {
    await mkdir(join(dir, 'data'));
    await writeFile(file, '{"requests": [', 'utf8');
    await assert.rejects(createLowdbRequestStore({ file }), (error: unknown) => {
      assert.ok(error instanceof RequestError);
      assert.equal(error.code, 'store-unreadable');
      assert.ok(error.message.includes(file));
      return true;
    });
  });

  it('rejects a generator that does not give 8 digits', async () => {
    const store = await createLowdbRequestStore({ file, newId: () => '123', clock });
    await assert.rejects(
      store.create(newRequest()),
      (e: unknown) => e instanceof RequestError && e.code === 'id-exhausted',
    );
  });
});
