import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLowdbOptOutStore } from '../../bot/opt-out-store.js';
import { describeOptOutStoreContract } from './opt-out-store-contract.js';

describe('lowdb opt-out store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'optouts-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  describeOptOutStoreContract('lowdb opt-out store', () => ({
    concurrentInstances: false,
    open: (clock) => createLowdbOptOutStore(join(dir, 'optouts.json'), clock),
  }));

  it('writes the opt-out to the file (folder created) before resolving, with the keyword and time', async () => {
    const file = join(dir, 'nested', 'optouts.json');
    const clock = () => new Date('2026-11-23T12:00:00Z');
    const store = await createLowdbOptOutStore(file, clock);
    await store.optOut('sms', '+12155550111', 'STOP');
    const stored = JSON.parse(await readFile(file, 'utf8'));
    assert.deepEqual(Object.values(stored.optOuts), [
      { channel: 'sms', userId: '+12155550111', keyword: 'STOP', at: '2026-11-23T12:00:00.000Z' },
    ]);
  });
});
