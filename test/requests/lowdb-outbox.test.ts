import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLowdbRequestStore } from '../../requests/lowdb-request-store.js';
import { counter, newRequest } from './request-store-contract.js';

describe('lowdb outbox', () => {
  let dir: string;
  let file: string;
  const clock = () => new Date('2026-05-22T14:00:00.000Z');

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outbox-'));
    file = join(dir, 'requests.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes a status change and its notice in one write: when it fails, neither is kept', async () => {
    const store = await createLowdbRequestStore({ file, newId: counter(), clock });
    const created = await store.create(newRequest());
    // The store writes a temp file and renames it over requests.json: a folder in its place makes the write fail.
    const temp = join(dir, '.requests.json.tmp');
    await mkdir(temp);
    await assert.rejects(
      store.appendStatus(created.id, { status: 'in-progress', at: clock().toISOString(), by: 'staff' }),
    );
    assert.equal((await store.get(created.id))?.status, 'received');
    assert.deepEqual(await store.outbox.list(), []);
    await rmdir(temp);

    await store.appendStatus(created.id, { status: 'scheduled', at: clock().toISOString(), by: 'staff' });
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as {
      requests: { history: unknown[] }[];
      outbox: { requestId: string; change: number }[];
    };
    assert.equal(onDisk.requests[0]?.history.length, 2);
    assert.deepEqual(
      onDisk.outbox.map((n) => [n.requestId, n.change]),
      [[created.id, 1]],
    );
    await store.close();
  });

  it('opens a requests.json written before the outbox existed, with nothing queued', async () => {
    await writeFile(file, JSON.stringify({ version: 1, requests: [], retiredIds: [] }));
    const store = await createLowdbRequestStore({ file, newId: counter(), clock });
    assert.deepEqual(await store.outbox.list(), []);
    await store.close();
  });
});
