import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE_NAME } from '../../bot/data-dir-lock.js';

describe('DATA_DIR lock', () => {
  let dir: string;
  const lockFile = () => join(dir, LOCK_FILE_NAME);
  const host = { hostname: 'bot-host', clock: () => new Date('2026-03-02T09:00:00.000Z') };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lock-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates the folder and writes who holds it; release removes it', async () => {
    const nested = join(dir, 'data');
    const lock = await acquireDataDirLock(nested, { ...host, pid: 100 });
    assert.deepEqual(JSON.parse(await readFile(join(nested, LOCK_FILE_NAME), 'utf8')), {
      pid: 100,
      hostname: 'bot-host',
      startedAt: '2026-03-02T09:00:00.000Z',
    });
    await lock.release();
    await lock.release();
    assert.equal(existsSync(join(nested, LOCK_FILE_NAME)), false);
  });

  it('refuses while a live process on this host holds it, and takes over from a dead one', async () => {
    await writeFile(lockFile(), JSON.stringify({ pid: 200, hostname: 'bot-host', startedAt: 'x' }));
    await assert.rejects(
      acquireDataDirLock(dir, { ...host, pid: 100, isAlive: () => true }),
      (error: unknown) =>
        error instanceof DataDirLockedError && error.holder?.pid === 200 && error.file === lockFile(),
    );
    const lock = await acquireDataDirLock(dir, { ...host, pid: 100, isAlive: () => false });
    assert.equal(lock.tookOver?.pid, 200);
    await lock.release();
  });

  it('takes over a lock with its own pid that this process never took (a restarted container)', async () => {
    await writeFile(lockFile(), JSON.stringify({ pid: 1, hostname: 'bot-host', startedAt: 'yesterday' }));
    const lock = await acquireDataDirLock(dir, { ...host, pid: 1, isAlive: () => true });
    assert.equal(lock.tookOver?.pid, 1);
    await assert.rejects(
      acquireDataDirLock(dir, { ...host, pid: 1, isAlive: () => true }),
      DataDirLockedError,
      'but not one this process holds',
    );
    await lock.release();
  });

  it('refuses a file it did not write, naming it, and never removes a lock that is no longer its own', async () => {
    await writeFile(lockFile(), 'not json');
    await assert.rejects(acquireDataDirLock(dir, host), /\.lock exists but is not a lock this bot wrote/);
    await rm(lockFile());
    const lock = await acquireDataDirLock(dir, { ...host, pid: 100 });
    await writeFile(lockFile(), JSON.stringify({ pid: 300, hostname: 'bot-host', startedAt: 'x' }));
    await lock.release();
    assert.ok(existsSync(lockFile()), "another process's lock stays");
  });
});
